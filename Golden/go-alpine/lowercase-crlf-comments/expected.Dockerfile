# syntax=docker/dockerfile:1
# the api server
from golang:1.22 as build

# sources
workdir /go/src/app
copy . .

# compile
run CGO_ENABLED=0 go build -o /usr/local/bin/app . # the binary

from alpine:3.24
run apk add --no-cache ca-certificates tzdata
workdir /go/src/app
copy --from=build /usr/local/bin/app /usr/local/bin/app
copy --from=build \
    --exclude=**/*.go --exclude=go.mod --exclude=go.sum --exclude=vendor \
    --exclude=.git \
    /go/src/app /go/src/app

# listen here
expose 9090
cmd ["app"]
