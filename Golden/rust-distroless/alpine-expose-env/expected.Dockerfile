# syntax=docker/dockerfile:1
FROM rust:1.80-alpine AS build
RUN apk add --no-cache musl-dev
WORKDIR /srv
COPY . .
RUN cargo build --release

FROM gcr.io/distroless/static-debian13:latest
WORKDIR /srv
COPY --from=build /srv/target/release/web /srv/target/release/web
COPY --from=build \
    --exclude=**/*.rs --exclude=Cargo.toml --exclude=Cargo.lock --exclude=build.rs \
    --exclude=target --exclude=.git \
    /srv /srv
ENV RUST_LOG=debug
EXPOSE 8000
CMD ["./target/release/web", "--port", "8000"]
