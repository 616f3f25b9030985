FROM alpine:3.20
# moved to Alpine by hand; the install was not
RUN apk add --no-cache ca-certificates curl
CMD ["curl", "--version"]
