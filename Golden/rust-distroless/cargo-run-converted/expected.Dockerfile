FROM rust:1.82 AS build
WORKDIR /srv/feed
COPY Cargo.toml Cargo.lock ./
COPY src ./src
RUN cargo build --release

FROM gcr.io/distroless/cc-debian13:nonroot
WORKDIR /srv/feed
COPY --from=build /srv/feed/target/release/feed-server /srv/feed/target/release/feed-server
COPY templates ./templates
EXPOSE 8000
CMD ["/srv/feed/target/release/feed-server", "--port", "8000"]
