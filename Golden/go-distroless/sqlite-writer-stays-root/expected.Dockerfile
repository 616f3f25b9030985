FROM golang:1.23 AS build
WORKDIR /app
COPY . .
RUN CGO_ENABLED=0 go build -o /app/counter .

FROM gcr.io/distroless/static-debian13:latest
WORKDIR /app
COPY --from=build /app/counter /app/counter
CMD ["/app/counter"]
