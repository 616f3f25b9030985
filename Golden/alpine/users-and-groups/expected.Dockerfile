FROM python:3.12-alpine
RUN apk add --no-cache ca-certificates
RUN addgroup -S app && adduser -D -S -G app -h /app -s /sbin/nologin -H app
COPY --chown=app:app app/ /app/
USER app
CMD ["python", "/app/server.py"]
