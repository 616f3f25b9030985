FROM rust:1.80 AS build
RUN apt-get update && apt-get install -y pkg-config libssl-dev
WORKDIR /app
COPY . .
RUN cargo build --release --bin fetcher

FROM gcr.io/distroless/cc-debian13:nonroot
WORKDIR /app
COPY --from=build /app/target/release/fetcher /app/target/release/fetcher
CMD ["/app/target/release/fetcher"]
