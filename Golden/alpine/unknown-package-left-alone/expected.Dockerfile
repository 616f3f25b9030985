FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libfrobnicate9 && rm -rf /var/lib/apt/lists/*
CMD ["frob"]
