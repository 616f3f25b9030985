# syntax=docker/dockerfile:1
ARG GO_VERSION=1.22
FROM golang:${GO_VERSION}-alpine AS build
WORKDIR /app
COPY . .
RUN CGO_ENABLED=0 go build -o /app/bin/service ./cmd/service

FROM alpine:3.24
RUN apk add --no-cache ca-certificates tzdata
WORKDIR /app
COPY --from=build \
    --exclude=**/*.go --exclude=go.mod --exclude=go.sum --exclude=vendor \
    --exclude=.git \
    /app /app
CMD ["/app/bin/service"]
