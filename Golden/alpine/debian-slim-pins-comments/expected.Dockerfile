FROM alpine:3.24
ENV DEBIAN_FRONTEND=noninteractive
# Build tools and runtime libraries
RUN apk add --no-cache \
        build-base \
        # TLS
        openssl-dev \
        ca-certificates
COPY src/ /src/
RUN make -C /src && make -C /src install
RUN adduser -D -S -u 10001 app
USER app
CMD ["/usr/local/bin/app"]
