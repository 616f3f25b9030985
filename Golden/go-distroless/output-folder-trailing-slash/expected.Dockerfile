FROM golang:1.23 AS build
WORKDIR /app
COPY go.mod ./
COPY cmd ./cmd
COPY internal ./internal
RUN CGO_ENABLED=0 go build -o bin/ ./cmd/api

FROM gcr.io/distroless/static-debian13:nonroot
WORKDIR /app
COPY --from=build /app/bin/api /app/bin/api
CMD ["/app/bin/api"]
