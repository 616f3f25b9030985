# syntax=docker/dockerfile:1
FROM rust:1.80 AS build
RUN apt-get update && apt-get install -y pkg-config libssl-dev
WORKDIR /app
COPY . .
RUN cargo build --release --bin fetcher

FROM gcr.io/distroless/cc-debian13:latest
WORKDIR /app
COPY --from=build /app/target/release/fetcher /app/target/release/fetcher
COPY --from=build \
    --exclude=**/*.rs --exclude=Cargo.toml --exclude=Cargo.lock --exclude=build.rs \
    --exclude=target --exclude=.git \
    /app /app
CMD ["/app/target/release/fetcher"]
