# syntax=docker/dockerfile:1
FROM golang:1.22 AS build
WORKDIR /src
COPY go.mod go.su[m] ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build ./cmd/server

FROM alpine:3.24
RUN apk add --no-cache ca-certificates tzdata
WORKDIR /src
COPY --from=build \
    --exclude=**/*.go --exclude=go.mod --exclude=go.sum --exclude=vendor \
    --exclude=.git \
    /src /src
EXPOSE 8080
CMD ["./server"]
