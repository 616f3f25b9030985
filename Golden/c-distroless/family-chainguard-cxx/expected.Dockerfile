FROM gcc:14 AS build
WORKDIR /app
COPY main.cpp .
RUN g++ -O2 -pthread -o heartbeat main.cpp

FROM cgr.dev/chainguard/glibc-dynamic:latest
WORKDIR /app
COPY --from=build /app/heartbeat /app/heartbeat
CMD ["./heartbeat"]
