# syntax=docker/dockerfile:1
FROM rust:1.80-alpine AS build
RUN apk add --no-cache musl-dev
WORKDIR /app
COPY . .
RUN cargo build --release --bin proxy

FROM gcr.io/distroless/static-debian13:latest
WORKDIR /app
COPY --from=build /app/target/release/proxy /app/target/release/proxy
COPY --from=build \
    --exclude=**/*.rs --exclude=Cargo.toml --exclude=Cargo.lock --exclude=build.rs \
    --exclude=target --exclude=.git \
    /app /app
USER 65532
ENTRYPOINT ["/app/target/release/proxy"]
