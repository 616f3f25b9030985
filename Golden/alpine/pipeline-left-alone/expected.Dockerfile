FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y curl ca-certificates
RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash - && apt-get install -y nodejs
CMD ["node", "/app/index.js"]
