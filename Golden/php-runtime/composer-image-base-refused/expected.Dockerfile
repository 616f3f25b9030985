FROM composer:2
WORKDIR /app
COPY . .
RUN composer install --no-dev --optimize-autoloader
CMD ["php", "-S", "0.0.0.0:8080", "-t", "public"]
