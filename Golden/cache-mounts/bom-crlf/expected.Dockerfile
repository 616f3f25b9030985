# syntax=docker/dockerfile:1
from golang:1.25
workdir /src
copy . .
run --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build -o /app .
