# syntax=docker/dockerfile:1
FROM golang:1.22 AS build
WORKDIR /go/src/api
COPY . .
RUN CGO_ENABLED=0 go install ./cmd/api

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
WORKDIR /go/src/api
COPY --from=build /go/bin/api /usr/local/bin/api
COPY --from=build \
    --exclude=**/*.go --exclude=go.mod --exclude=go.sum --exclude=vendor \
    --exclude=.git \
    /go/src/api /go/src/api
CMD ["api"]
