FROM alpine:3.20 AS build
RUN apk add --no-cache build-base
WORKDIR /app
COPY . .
RUN make

FROM alpine:3.24
RUN apk add --no-cache ca-certificates tzdata
WORKDIR /app
COPY --from=build /app/bin/server /app/bin/server
RUN adduser -D -u 10001 app
USER app
CMD ["./bin/server"]
