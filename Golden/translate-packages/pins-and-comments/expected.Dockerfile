FROM alpine:3.20
# System packages; versions were pinned for Debian bookworm
RUN apk add --no-cache \
        # compilers for native gems
        build-base \
        libpq-dev \
        # runtime
        ca-certificates \
        tzdata
COPY . /app
WORKDIR /app
CMD ["./bin/server"]
