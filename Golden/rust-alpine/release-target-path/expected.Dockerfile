FROM rust:1.80
WORKDIR /usr/src/app
COPY . .
RUN cargo build --release
CMD ["./target/release/server"]
