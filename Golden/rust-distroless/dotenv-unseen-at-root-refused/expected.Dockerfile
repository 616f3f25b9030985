FROM rust:1.82
COPY . .
WORKDIR /
RUN cargo build --release
EXPOSE 8000
CMD ["./target/release/word-api"]
