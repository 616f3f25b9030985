FROM rust:1.80-slim
WORKDIR /app
COPY . .
RUN cargo build --release --locked
EXPOSE 3000
ENV RUST_LOG=info CARGO_TERM_COLOR=always
CMD ["/app/target/release/hello-api"]
