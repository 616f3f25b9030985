FROM golang:1.22
WORKDIR /app
COPY . .
RUN go build -o /app/server .
RUN mkdir -p /data && chown 1000 /data
CMD ["/app/server"]
