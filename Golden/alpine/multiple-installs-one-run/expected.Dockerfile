FROM alpine:3.24
RUN apk add --no-cache ca-certificates curl && \
    apk add --no-cache git openssh-client
WORKDIR /work
CMD ["git", "--version"]
