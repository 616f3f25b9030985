# syntax=docker/dockerfile:1
FROM php:8.2-apache AS build

RUN apt-get update \
    && apt-get install -y --no-install-recommends libicu-dev \
    && docker-php-ext-install intl opcache \
    && rm -rf /var/lib/apt/lists/*

COPY docker/vhost.conf /etc/apache2/sites-available/000-default.conf
RUN a2enmod rewrite

RUN apt-get update && apt-get install -y --no-install-recommends unzip \
    && curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin --filename=composer

ENV APP_ENV=prod
COPY . /var/www/html
RUN composer install --no-dev --optimize-autoloader --classmap-authoritative \
    && php bin/console cache:warmup

FROM php:8.2-apache
RUN apt-get update \
    && apt-get install -y --no-install-recommends libicu-dev \
    && docker-php-ext-install intl opcache \
    && rm -rf /var/lib/apt/lists/*
COPY docker/vhost.conf /etc/apache2/sites-available/000-default.conf
RUN a2enmod rewrite
WORKDIR /var/www/html
COPY --from=build --exclude=.git /var/www/html /var/www/html
ENV APP_ENV=prod

RUN chown -R www-data:www-data var
