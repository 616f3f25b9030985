# syntax=docker/dockerfile:1
# tiny tool
from alpine:3.20 as build
run apk add --no-cache build-base
workdir /w
# sources
copy . .
run cc -O2 -static -o tool tool.c

from gcr.io/distroless/static-debian13:latest
workdir /w
copy --from=build \
    --exclude=**/*.c --exclude=**/*.h --exclude=**/*.cpp --exclude=**/*.hpp \
    --exclude=**/*.o --exclude=CMakeFiles --exclude=CMakeCache.txt --exclude=.git \
    /w /w
cmd ["/w/tool"]
