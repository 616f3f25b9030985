FROM golang:1.23@sha256:7a1f2c3b4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8
WORKDIR /app
COPY . .
RUN CGO_ENABLED=0 go build -o /app/api .
CMD ["/app/api"]
