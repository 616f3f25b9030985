FROM rust:1.80-slim AS build
WORKDIR /app
COPY . .
RUN cargo build --release --locked

FROM gcr.io/distroless/cc-debian13:nonroot
WORKDIR /app
COPY --from=build /app/target/release/hello-api /app/target/release/hello-api
EXPOSE 3000
ENV RUST_LOG=info
CMD ["/app/target/release/hello-api"]
