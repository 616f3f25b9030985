# syntax=docker/dockerfile:1
FROM rust:1.80
WORKDIR /app
RUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y --no-install-recommends libpq-dev
COPY . .
RUN cargo build --release
EXPOSE 8000
CMD ["cargo", "run", "--release"]
