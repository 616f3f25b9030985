FROM alpine:3.20 AS build
RUN apk add --no-cache gcc musl-dev
WORKDIR /home
COPY mypgm.c .
RUN gcc -static -o mypgm mypgm.c

FROM alpine:3.24
RUN apk add --no-cache ca-certificates tzdata
WORKDIR /home
COPY --from=build /home/mypgm /home/mypgm
RUN adduser -D -u 10001 app
USER app
CMD ["./mypgm"]
