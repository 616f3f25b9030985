# syntax=docker/dockerfile:1
FROM gcc:14 AS build
RUN apt-get update && apt-get install -y cmake
WORKDIR /src
COPY . .
RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build

FROM gcr.io/distroless/cc-debian13:latest
WORKDIR /src
COPY --from=build \
    --exclude=**/*.c --exclude=**/*.h --exclude=**/*.cpp --exclude=**/*.hpp \
    --exclude=**/*.o --exclude=CMakeFiles --exclude=CMakeCache.txt --exclude=.git \
    /src /src
ENTRYPOINT ["/src/build/app"]
