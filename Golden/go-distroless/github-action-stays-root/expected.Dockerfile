# syntax=docker/dockerfile:1
FROM golang:1.23 AS build
WORKDIR /action
COPY go.mod ./
COPY main.go ./
RUN CGO_ENABLED=0 go build -o /usr/local/bin/label-sync .

FROM gcr.io/distroless/static-debian13:latest
WORKDIR /action
COPY --from=build /usr/local/bin/label-sync /usr/local/bin/label-sync
COPY --from=build \
    --exclude=**/*.go --exclude=go.mod --exclude=go.sum --exclude=vendor \
    --exclude=.git \
    /action /action
ENTRYPOINT ["/usr/local/bin/label-sync"]
