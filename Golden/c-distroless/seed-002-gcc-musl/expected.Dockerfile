FROM alpine:3.20 AS build
RUN apk add --no-cache gcc musl-dev
WORKDIR /home
COPY mypgm.c .
RUN gcc -static -o mypgm mypgm.c

FROM gcr.io/distroless/static-debian13:nonroot
WORKDIR /home
COPY --from=build /home/mypgm /home/mypgm
CMD ["./mypgm"]
