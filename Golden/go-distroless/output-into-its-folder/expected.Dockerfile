FROM golang:1.23 AS build
WORKDIR /app
COPY . .
RUN CGO_ENABLED=0 go build -o /app

FROM gcr.io/distroless/static-debian13:nonroot
WORKDIR /app
COPY --from=build /app/go-server /app/go-server
CMD ["/app/go-server"]
