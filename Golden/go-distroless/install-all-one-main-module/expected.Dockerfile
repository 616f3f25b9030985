FROM golang:1.16 AS build
WORKDIR /go/src/app
COPY . .
RUN go get -d -v ./...
RUN CGO_ENABLED=0 go install -v ./...

FROM gcr.io/distroless/static-debian13:nonroot
WORKDIR /go/src/app
COPY --from=build /go/bin/quotes /usr/local/bin/quotes
CMD ["quotes"]
