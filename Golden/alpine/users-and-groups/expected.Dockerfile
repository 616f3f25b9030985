FROM alpine:3.24
RUN apk add --no-cache ca-certificates
RUN addgroup -S app && adduser -D -S -G app -h /app -s /sbin/nologin -H app
COPY --chown=app:app bin/ /app/
USER app
CMD ["/app/server"]
