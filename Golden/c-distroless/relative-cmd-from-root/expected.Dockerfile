FROM gcc:14 AS build
COPY server.c .
RUN gcc -O2 -o server server.c

FROM gcr.io/distroless/cc-debian13:nonroot
WORKDIR /
COPY --from=build /server /server
EXPOSE 7000
CMD ["./server"]
