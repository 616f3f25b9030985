# syntax=docker/dockerfile:1
FROM golang:1.23-alpine
WORKDIR /app
RUN --mount=type=cache,target=/var/cache/apk,sharing=locked apk add git
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go install github.com/air-verse/air@latest
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -o /bin/api ./cmd/api
CMD ["/bin/api"]
