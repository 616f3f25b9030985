# syntax=docker/dockerfile:1
FROM php:8.3-cli-bookworm AS build
COPY --from=composer/composer:2-bin /composer /usr/bin/composer
RUN apt-get update && apt-get install -y --no-install-recommends unzip && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/feedsync
COPY . .
RUN composer install --no-dev --classmap-authoritative

FROM php:8.3-cli-bookworm
WORKDIR /opt/feedsync
COPY --from=build --exclude=.git /opt/feedsync /opt/feedsync
CMD ["php", "bin/feedsync.php", "--interval=300"]
