# syntax=docker/dockerfile:1
FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api && \
    CGO_ENABLED=0 go build -o /out/worker ./cmd/worker

FROM gcr.io/distroless/static-debian13:latest
WORKDIR /src
COPY --from=build /out/api /out/api
COPY --from=build /out/worker /out/worker
COPY --from=build \
    --exclude=**/*.go --exclude=go.mod --exclude=go.sum --exclude=vendor \
    --exclude=.git \
    /src /src
CMD ["/out/api"]
