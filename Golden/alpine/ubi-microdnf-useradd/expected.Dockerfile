FROM alpine:3.24
RUN apk add --no-cache python3 tar
COPY dist/site.tar.gz /tmp/
RUN mkdir -p /srv/site && tar -xzf /tmp/site.tar.gz -C /srv/site && rm /tmp/site.tar.gz
RUN adduser -D -S -s /sbin/nologin -H web
USER web
CMD ["python3", "-m", "http.server", "8080", "--directory", "/srv/site"]
