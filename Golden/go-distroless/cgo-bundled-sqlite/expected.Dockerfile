# syntax=docker/dockerfile:1
FROM golang:1.22 AS build
# mattn/go-sqlite3 compiles SQLite in: it needs a C compiler, not libsqlite3
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN CGO_ENABLED=1 go build -o /out/notes ./cmd/notes

FROM gcr.io/distroless/base-debian13:latest
WORKDIR /src
COPY --from=build /out/notes /out/notes
COPY --from=build \
    --exclude=**/*.go --exclude=go.mod --exclude=go.sum --exclude=vendor \
    --exclude=.git \
    /src /src
EXPOSE 4000
CMD ["/out/notes"]
