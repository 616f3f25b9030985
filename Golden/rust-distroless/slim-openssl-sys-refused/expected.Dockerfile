FROM rust:1.77-slim AS builder
WORKDIR /bot
COPY . .
RUN cargo build --release
CMD ["./target/release/express-bot"]
