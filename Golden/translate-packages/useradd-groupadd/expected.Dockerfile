FROM alpine:3.20
RUN addgroup -S -g 1001 nodejs \
    && adduser -D -S -u 1001 -G nodejs -s /bin/false -H nextjs
USER nextjs
CMD ["node", "server.js"]
