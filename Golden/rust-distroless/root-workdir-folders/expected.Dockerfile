# syntax=docker/dockerfile:1
FROM rust:1.82 AS build
COPY ./ ./
RUN cargo build --release

FROM gcr.io/distroless/cc-debian13:latest
WORKDIR /
COPY --from=build /target/release/pages /target/release/pages
COPY --from=build \
    --exclude=**/*.rs --exclude=Cargo.toml --exclude=Cargo.lock --exclude=build.rs \
    --exclude=target --exclude=.git \
    /static /static
COPY --from=build \
    --exclude=**/*.rs --exclude=Cargo.toml --exclude=Cargo.lock --exclude=build.rs \
    --exclude=target --exclude=.git \
    /templates /templates
COPY --from=build /Dockerfile /Dockerfile
CMD ["./target/release/pages"]
