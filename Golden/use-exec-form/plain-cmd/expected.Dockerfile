FROM alpine:3.20
COPY server /usr/local/bin/server
EXPOSE 8080
CMD ["server", "--port", "8080"]
