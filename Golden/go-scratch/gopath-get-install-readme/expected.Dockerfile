FROM golang:1.12 AS build

WORKDIR /go/src/app
COPY . .

RUN go get -d -v ./...
RUN CGO_ENABLED=0 go install -v ./...

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
WORKDIR /go/src/app
COPY --from=build /go/bin/app /usr/local/bin/app

USER 65532:65532
CMD ["app"]
