FROM gcc:14 AS build
WORKDIR /app
COPY . .
RUN make -j4

FROM gcr.io/distroless/cc-debian13:nonroot
WORKDIR /app
COPY --from=build /app/build/server /app/build/server
EXPOSE 7000
CMD ["./build/server", "--port", "7000"]
