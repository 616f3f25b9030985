FROM golang:1.21-alpine
RUN apk add --no-cache git
WORKDIR /go/src/app
COPY . .
RUN go mod download
RUN go build -o bot .
CMD ["./bot"]
