FROM rust:1.80-alpine AS build
RUN apk add --no-cache musl-dev
WORKDIR /app
COPY . .
RUN cargo build --release --bin proxy

FROM gcr.io/distroless/static-debian13:nonroot
WORKDIR /app
COPY --from=build /app/target/release/proxy /app/target/release/proxy
USER 65532
ENTRYPOINT ["/app/target/release/proxy"]
