FROM alpine:3.24
RUN apk upgrade --no-cache
RUN apk add --no-cache wget xz
CMD ["wget", "--version"]
