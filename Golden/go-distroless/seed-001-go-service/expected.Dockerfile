# Build and run in one image
FROM golang:1.22-alpine AS build
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o main .

FROM gcr.io/distroless/static-debian13:nonroot
WORKDIR /app
COPY --from=build /app/main /app/main
CMD ["./main"]
