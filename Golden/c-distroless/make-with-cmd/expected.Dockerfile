# syntax=docker/dockerfile:1
FROM gcc:14 AS build
WORKDIR /app
COPY . .
RUN make -j4

FROM gcr.io/distroless/cc-debian13:latest
WORKDIR /app
COPY --from=build \
    --exclude=**/*.c --exclude=**/*.h --exclude=**/*.cpp --exclude=**/*.hpp \
    --exclude=**/*.o --exclude=CMakeFiles --exclude=CMakeCache.txt --exclude=.git \
    /app /app
EXPOSE 7000
CMD ["./build/server", "--port", "7000"]
