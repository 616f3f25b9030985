ARG GO_VERSION=1.22
FROM golang:${GO_VERSION}-alpine AS build
WORKDIR /app
COPY . .
RUN CGO_ENABLED=0 go build -o /app/bin/service ./cmd/service

FROM gcr.io/distroless/static-debian13:nonroot
WORKDIR /app
COPY --from=build /app/bin/service /app/bin/service
CMD ["/app/bin/service"]
