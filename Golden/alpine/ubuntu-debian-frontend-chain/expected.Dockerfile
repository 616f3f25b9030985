FROM alpine:3.24
RUN apk add --no-cache curl git jq
COPY entrypoint.sh /usr/local/bin/entrypoint.sh
ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]
