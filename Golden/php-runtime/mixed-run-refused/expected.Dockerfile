FROM php:8.1-apache
COPY --from=composer:2 /usr/bin/composer /usr/bin/composer
WORKDIR /var/www/html
COPY . .
RUN chown -R www-data:www-data uploads && a2enmod rewrite headers
RUN composer install --no-dev
