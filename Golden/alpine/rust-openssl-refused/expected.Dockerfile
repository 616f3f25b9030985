FROM rust:1.82.0
EXPOSE 8080
WORKDIR /opt/proxy
COPY . .
RUN cargo build --release
CMD ["./target/release/cache-proxy"]
