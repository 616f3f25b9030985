FROM golang:1.12 AS build

WORKDIR /go/src/app
COPY . .

RUN go get -d -v ./...
RUN CGO_ENABLED=0 go install -v ./...

FROM gcr.io/distroless/static-debian13:nonroot
WORKDIR /go/src/app
COPY --from=build /go/bin/app /usr/local/bin/app

CMD ["app"]
