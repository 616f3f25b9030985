FROM golang:1.22 AS build
# mattn/go-sqlite3 compiles SQLite in: it needs a C compiler, not libsqlite3
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN CGO_ENABLED=1 go build -o /out/notes ./cmd/notes

FROM gcr.io/distroless/base-debian13:nonroot
WORKDIR /src
COPY --from=build /out/notes /out/notes
EXPOSE 4000
CMD ["/out/notes"]
