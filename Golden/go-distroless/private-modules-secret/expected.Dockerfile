# syntax=docker/dockerfile:1
FROM golang:1.22 AS build
ENV GOPRIVATE=github.com/acme/*
WORKDIR /src
COPY go.mod go.su[m] ./
RUN --mount=type=secret,id=netrc,target=/root/.netrc go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/billing ./cmd/billing

FROM gcr.io/distroless/static-debian13:latest
WORKDIR /src
COPY --from=build /out/billing /out/billing
COPY --from=build \
    --exclude=**/*.go --exclude=go.mod --exclude=go.sum --exclude=vendor \
    --exclude=.git \
    /src /src
CMD ["/out/billing"]
