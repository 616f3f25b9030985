FROM rust:1.82 AS build
WORKDIR /app
COPY . .
RUN cargo build --release

FROM gcr.io/distroless/cc-debian13:nonroot
WORKDIR /app
COPY --from=build /app/target/release/site-stats /app/target/release/site-stats
EXPOSE 8000
CMD ["./target/release/site-stats"]
