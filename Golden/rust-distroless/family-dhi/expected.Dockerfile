FROM rust:1.85
WORKDIR /usr/src/echo-server
COPY . .
RUN cargo build --release
EXPOSE 7000
CMD ["./target/release/echo-server"]
