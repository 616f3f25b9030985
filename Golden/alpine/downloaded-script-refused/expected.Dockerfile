FROM debian:bookworm-slim
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*
RUN curl -fsSL https://example.com/install.sh -o /tmp/install.sh && bash /tmp/install.sh
CMD ["/usr/local/bin/tool"]
