FROM golang:1.22
WORKDIR /worker
COPY go.mod ./
RUN go mod download
COPY . .
RUN go build -o worker .
CMD ["./worker"]
