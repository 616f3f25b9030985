FROM gcc:14
WORKDIR /app
COPY main.cpp .
RUN g++ -O2 -pthread -o heartbeat main.cpp
CMD ["./heartbeat"]
