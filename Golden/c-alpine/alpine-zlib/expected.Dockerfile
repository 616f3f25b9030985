# syntax=docker/dockerfile:1
FROM alpine:3.20 AS build
RUN apk add --no-cache gcc musl-dev zlib-dev
WORKDIR /src
COPY . .
RUN gcc -O2 -o /usr/local/bin/squash squash.c -lz

FROM alpine:3.24
RUN apk add --no-cache ca-certificates tzdata zlib
WORKDIR /src
COPY --from=build /usr/local/bin/squash /usr/local/bin/squash
COPY --from=build \
    --exclude=**/*.c --exclude=**/*.h --exclude=**/*.cpp --exclude=**/*.hpp \
    --exclude=**/*.o --exclude=CMakeFiles --exclude=CMakeCache.txt --exclude=.git \
    /src /src
ENTRYPOINT ["squash"]
