FROM golang:1.12 AS build

WORKDIR /go/src/app
COPY . .

RUN go get -d -v ./...
RUN CGO_ENABLED=0 go install -v ./...

FROM alpine:3.24
RUN apk add --no-cache ca-certificates tzdata
WORKDIR /go/src/app
COPY --from=build /go/bin/app /usr/local/bin/app

RUN adduser -D -u 10001 app
USER app
CMD ["app"]
