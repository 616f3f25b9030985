#!/bin/sh
set -e
if [ "$APP_ENV" = "dev" ]; then
    composer install --no-interaction
fi
php artisan migrate --force
exec "$@"
