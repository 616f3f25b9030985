# syntax=docker/dockerfile:1
FROM php:8.3-fpm-alpine3.20 AS build

RUN apk add --no-cache libpng libjpeg-turbo freetype \
    && apk add --no-cache --virtual .build-deps libpng-dev libjpeg-turbo-dev freetype-dev \
    && docker-php-ext-configure gd --with-freetype --with-jpeg \
    && docker-php-ext-install gd \
    && apk del .build-deps

RUN apk add --no-cache git unzip

COPY --from=composer:2.7 /usr/bin/composer /usr/local/bin/composer

WORKDIR /srv/app
COPY composer.json composer.lock ./
RUN composer install --no-dev --no-scripts --no-autoloader --prefer-dist
COPY . .
RUN composer dump-autoload --optimize --no-dev

FROM php:8.3-fpm-alpine3.20
RUN apk add --no-cache libpng libjpeg-turbo freetype \
    && apk add --no-cache --virtual .build-deps libpng-dev libjpeg-turbo-dev freetype-dev \
    && docker-php-ext-configure gd --with-freetype --with-jpeg \
    && docker-php-ext-install gd \
    && apk del .build-deps
WORKDIR /srv/app
COPY --from=build --exclude=.git /srv/app /srv/app

USER www-data
CMD ["php-fpm"]
