from alpine:3.24
# tools
run apk add --no-cache \
     curl \
     unzip
cmd ["curl", "--version"]
