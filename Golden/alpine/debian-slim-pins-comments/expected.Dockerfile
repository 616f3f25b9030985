FROM debian:bookworm-slim
ENV DEBIAN_FRONTEND=noninteractive
# Build tools and runtime libraries
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        build-essential \
        # TLS
        libssl-dev=3.0.* \
        ca-certificates \
        locales \
    && rm -rf /var/lib/apt/lists/*
COPY src/ /src/
RUN make -C /src && make -C /src install
RUN useradd -r -u 10001 -m app
USER app
CMD ["/usr/local/bin/app"]
