FROM golang:1.10 AS build
WORKDIR /go/src/github.com/acme/pinger
COPY . .
RUN CGO_ENABLED=0 go build -v

FROM gcr.io/distroless/static-debian13:nonroot
WORKDIR /go/src/github.com/acme/pinger
COPY --from=build /go/src/github.com/acme/pinger/pinger /go/src/github.com/acme/pinger/pinger
CMD ["./pinger"]
