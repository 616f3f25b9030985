FROM alpine:3.20
run apk add --no-cache curl
CMD ["curl"]
