# tiny tool
from alpine:3.20 as build
run apk add --no-cache build-base
workdir /w
# sources
copy . .
run cc -O2 -static -o tool tool.c

from alpine:3.24
run apk add --no-cache ca-certificates tzdata
workdir /w
copy --from=build /w/tool /w/tool
run adduser -D -u 10001 app
user app
cmd ["/w/tool"]
