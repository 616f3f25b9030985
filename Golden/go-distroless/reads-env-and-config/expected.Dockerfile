FROM golang:1.23 AS build
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /app/notifier ./cmd/notifier

FROM gcr.io/distroless/static-debian13:nonroot
WORKDIR /app
COPY --from=build /app/notifier /app/notifier
COPY --from=build /app/.env /app/.env
COPY --from=build /app/config.yaml /app/config.yaml
EXPOSE 8080
CMD ["/app/notifier"]
