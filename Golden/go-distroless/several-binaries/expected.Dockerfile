FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api && \
    CGO_ENABLED=0 go build -o /out/worker ./cmd/worker

FROM gcr.io/distroless/static-debian13:nonroot
WORKDIR /src
COPY --from=build /out/api /out/api
COPY --from=build /out/worker /out/worker
CMD ["/out/api"]
