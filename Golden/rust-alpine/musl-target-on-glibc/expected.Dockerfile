# syntax=docker/dockerfile:1
FROM rust:1.80 AS build
RUN apt-get update && apt-get install -y musl-tools && rustup target add x86_64-unknown-linux-musl
WORKDIR /app
COPY . .
RUN cargo build --release --target x86_64-unknown-linux-musl

FROM alpine:3.24
RUN apk add --no-cache ca-certificates tzdata
WORKDIR /app
COPY --from=build /app/target/x86_64-unknown-linux-musl/release/app /app/target/x86_64-unknown-linux-musl/release/app
COPY --from=build \
    --exclude=**/*.rs --exclude=Cargo.toml --exclude=Cargo.lock --exclude=build.rs \
    --exclude=target --exclude=.git \
    /app /app
CMD ["/app/target/x86_64-unknown-linux-musl/release/app"]
