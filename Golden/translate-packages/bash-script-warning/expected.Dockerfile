FROM alpine:3.20
RUN apk add --no-cache curl bash
COPY entrypoint.sh /entrypoint.sh
RUN bash /entrypoint.sh --check
ENTRYPOINT ["/entrypoint.sh"]
