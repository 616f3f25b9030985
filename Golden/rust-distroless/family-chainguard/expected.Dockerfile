FROM rust:1.85 AS build
WORKDIR /usr/src/echo-server
COPY . .
RUN cargo build --release

FROM cgr.dev/chainguard/glibc-dynamic:latest
WORKDIR /usr/src/echo-server
COPY --from=build /usr/src/echo-server/target/release/echo-server /usr/src/echo-server/target/release/echo-server
EXPOSE 7000
CMD ["./target/release/echo-server"]
