# syntax=docker/dockerfile:1
FROM alpine:3.20
RUN <<EOT
apt-get update
apt-get install -y curl
EOT
CMD ["curl", "--version"]
