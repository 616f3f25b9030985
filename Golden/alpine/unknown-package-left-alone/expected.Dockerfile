FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libfrobnicate9 curl && rm -rf /var/lib/apt/lists/*
CMD ["curl", "--version"]
