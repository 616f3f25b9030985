# syntax=docker/dockerfile:1
FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w -X main.version=1.4.2" -o /out/app ./cmd/app

FROM alpine:3.24
RUN apk add --no-cache ca-certificates tzdata
WORKDIR /src
COPY --from=build /out/app /out/app
COPY --from=build \
    --exclude=**/*.go --exclude=go.mod --exclude=go.sum --exclude=vendor \
    --exclude=.git \
    /src /src
ENTRYPOINT ["/out/app"]
CMD ["serve"]
