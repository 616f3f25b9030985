# syntax=docker/dockerfile:1
FROM rust:1.80 AS build
WORKDIR /usr/src/app
COPY . .
RUN cargo build --release

FROM gcr.io/distroless/cc-debian13:latest
WORKDIR /usr/src/app
COPY --from=build /usr/src/app/target/release/server /usr/src/app/target/release/server
COPY --from=build \
    --exclude=**/*.rs --exclude=Cargo.toml --exclude=Cargo.lock --exclude=build.rs \
    --exclude=target --exclude=.git \
    /usr/src/app /usr/src/app
CMD ["./target/release/server"]
