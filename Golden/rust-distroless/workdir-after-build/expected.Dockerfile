# syntax=docker/dockerfile:1
FROM rust:1.80.1 AS build
ADD . /app
WORKDIR /app
RUN cargo install --path .

FROM gcr.io/distroless/cc-debian13:latest
WORKDIR /app
COPY --from=build /usr/local/cargo/bin/s3-manifest /usr/local/bin/s3-manifest
COPY --from=build \
    --exclude=**/*.rs --exclude=Cargo.toml --exclude=Cargo.lock --exclude=build.rs \
    --exclude=target --exclude=.git \
    /app /app
WORKDIR /data
ENTRYPOINT ["s3-manifest"]
