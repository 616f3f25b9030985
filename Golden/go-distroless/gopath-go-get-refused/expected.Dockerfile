FROM golang:1.10-alpine3.7
RUN apk add --no-cache git
WORKDIR /go/src/hello
COPY . .
RUN go get github.com/prometheus/client_golang/prometheus/promhttp
RUN go build -o /go/bin/hello .
CMD ["/go/bin/hello"]
