# syntax=docker/dockerfile:1
FROM golang:1.22 AS build
ENV CGO_ENABLED=0 GOFLAGS=-mod=vendor
WORKDIR /app
COPY . .
RUN go build -o /app/server ./cmd/server

FROM alpine:3.24
RUN apk add --no-cache ca-certificates tzdata
WORKDIR /app
COPY --from=build \
    --exclude=**/*.go --exclude=go.mod --exclude=go.sum --exclude=vendor \
    --exclude=.git \
    /app /app
ENV PORT=8080 APP_ENV=production
EXPOSE 8080
LABEL org.opencontainers.image.source="https://github.com/acme/server"
STOPSIGNAL SIGTERM
USER 1000:1000
CMD ./server --port 8080
