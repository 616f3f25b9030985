# syntax=docker/dockerfile:1
FROM gcc:14 AS build
WORKDIR /src
COPY main.cpp .
RUN g++ -O2 -std=c++20 -o /opt/worker main.cpp -lpthread

FROM gcr.io/distroless/cc-debian13:latest
WORKDIR /src
COPY --from=build /opt/worker /opt/worker
COPY --from=build \
    --exclude=**/*.c --exclude=**/*.h --exclude=**/*.cpp --exclude=**/*.hpp \
    --exclude=**/*.o --exclude=CMakeFiles --exclude=CMakeCache.txt --exclude=.git \
    /src /src
CMD ["/opt/worker"]
