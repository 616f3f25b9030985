# syntax=docker/dockerfile:1
FROM gcc:14 AS build
WORKDIR /src
COPY . .
RUN gcc -O2 -Wall -o /usr/local/bin/hello hello.c

FROM gcr.io/distroless/cc-debian13:latest
WORKDIR /src
COPY --from=build /usr/local/bin/hello /usr/local/bin/hello
COPY --from=build \
    --exclude=**/*.c --exclude=**/*.h --exclude=**/*.cpp --exclude=**/*.hpp \
    --exclude=**/*.o --exclude=CMakeFiles --exclude=CMakeCache.txt --exclude=.git \
    /src /src
CMD ["hello"]
