FROM golang:1.23
WORKDIR /app
COPY . .
RUN CGO_ENABLED=0 go build -o /app/counter .
CMD ["/app/counter"]
