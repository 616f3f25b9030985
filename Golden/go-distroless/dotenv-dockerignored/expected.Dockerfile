FROM golang:1.23 AS build
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /app/api .

FROM gcr.io/distroless/static-debian13:nonroot
WORKDIR /app
COPY --from=build /app/api /app/api
CMD ["/app/api"]
