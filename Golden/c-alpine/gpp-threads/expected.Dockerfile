FROM gcc:14
WORKDIR /src
COPY main.cpp .
RUN g++ -O2 -std=c++20 -o /opt/worker main.cpp -lpthread
CMD ["/opt/worker"]
