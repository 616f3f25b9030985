FROM rust:1.80
RUN apt-get update && apt-get install -y pkg-config libssl-dev
WORKDIR /app
COPY . .
RUN cargo build --release --bin fetcher
CMD ["/app/target/release/fetcher"]
