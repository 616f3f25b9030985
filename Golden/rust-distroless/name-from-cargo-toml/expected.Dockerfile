# syntax=docker/dockerfile:1
FROM rust:1.80-slim AS build
WORKDIR /app
COPY . .
RUN cargo build --release --locked

FROM gcr.io/distroless/cc-debian13:latest
WORKDIR /app
COPY --from=build /app/target/release/hello-api /app/target/release/hello-api
COPY --from=build \
    --exclude=**/*.rs --exclude=Cargo.toml --exclude=Cargo.lock --exclude=build.rs \
    --exclude=target --exclude=.git \
    /app /app
EXPOSE 3000
ENV RUST_LOG=info
CMD ["/app/target/release/hello-api"]
