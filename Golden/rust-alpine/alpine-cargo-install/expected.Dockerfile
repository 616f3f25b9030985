# syntax=docker/dockerfile:1
FROM rust:1.80-alpine AS build
RUN apk add --no-cache musl-dev
WORKDIR /src
COPY . .
RUN cargo install --locked --path .

FROM alpine:3.24
RUN apk add --no-cache ca-certificates tzdata
WORKDIR /src
COPY --from=build /usr/local/cargo/bin/svc /usr/local/bin/svc
COPY --from=build \
    --exclude=**/*.rs --exclude=Cargo.toml --exclude=Cargo.lock --exclude=build.rs \
    --exclude=target --exclude=.git \
    /src /src
ENTRYPOINT ["svc"]
