# syntax=docker/dockerfile:1
FROM alpine:3.20 AS build
RUN apk add --no-cache g++
WORKDIR /src
COPY main.cpp .
RUN g++ -O2 -o /usr/local/bin/app main.cpp

FROM alpine:3.24
RUN apk add --no-cache ca-certificates tzdata libgcc libstdc++
WORKDIR /src
COPY --from=build /usr/local/bin/app /usr/local/bin/app
COPY --from=build \
    --exclude=**/*.c --exclude=**/*.h --exclude=**/*.cpp --exclude=**/*.hpp \
    --exclude=**/*.o --exclude=CMakeFiles --exclude=CMakeCache.txt --exclude=.git \
    /src /src
CMD ["app"]
