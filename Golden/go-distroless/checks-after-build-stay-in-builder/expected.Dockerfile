FROM golang:1.22-alpine AS build
WORKDIR /app
COPY go.mod ./
COPY . .
RUN CGO_ENABLED=0 go build -o server .
RUN ls -la && go vet ./... && go test ./...
RUN echo "build done" && pwd

FROM gcr.io/distroless/static-debian13:nonroot
WORKDIR /app
COPY --from=build /app/server /app/server
EXPOSE 8080
CMD ["./server"]
