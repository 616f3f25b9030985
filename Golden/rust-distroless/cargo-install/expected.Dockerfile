# syntax=docker/dockerfile:1
FROM rust:1.80 AS build
WORKDIR /src
COPY . .
RUN cargo install --path .

FROM gcr.io/distroless/cc-debian13:latest
WORKDIR /src
COPY --from=build /usr/local/cargo/bin/greeter /usr/local/bin/greeter
COPY --from=build \
    --exclude=**/*.rs --exclude=Cargo.toml --exclude=Cargo.lock --exclude=build.rs \
    --exclude=target --exclude=.git \
    /src /src
CMD ["greeter"]
