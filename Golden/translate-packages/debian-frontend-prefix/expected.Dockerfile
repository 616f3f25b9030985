FROM alpine:3.20
ARG DEBIAN_FRONTEND=noninteractive
RUN apk add --no-cache git openssh-client
ENTRYPOINT ["git"]
