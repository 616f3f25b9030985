# tiny tool
from alpine:3.20 as build
run apk add --no-cache build-base
workdir /w
# sources
copy . .
run cc -O2 -static -o tool tool.c

from gcr.io/distroless/static-debian13:nonroot
workdir /w
copy --from=build /w/tool /w/tool
cmd ["/w/tool"]
