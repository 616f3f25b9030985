FROM gcc:latest
WORKDIR /usr/src/game
COPY . .
RUN g++ -O2 -std=c++20 -o game main.cpp
CMD ["./game"]
