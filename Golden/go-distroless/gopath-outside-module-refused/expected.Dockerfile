FROM golang:1.23-alpine
RUN apk add --no-cache git
COPY . /go/src/app
RUN go get -v app/server
RUN go install app/server
ENTRYPOINT ["/go/bin/server"]
