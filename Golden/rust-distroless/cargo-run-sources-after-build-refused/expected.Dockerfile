FROM rust:1.82
WORKDIR /app
COPY Cargo.toml Cargo.lock ./
RUN mkdir src && echo 'fn main() {}' > src/main.rs && cargo build --release
COPY . .
CMD ["cargo", "run", "--release"]
