FROM golang:1.22
RUN apt-get update && apt-get install -y --no-install-recommends gcc libsqlite3-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN CGO_ENABLED=1 go build -tags libsqlite3 -o /out/store ./cmd/store
CMD ["/out/store"]
