FROM gcc:14
RUN apt-get update && apt-get install -y cmake
WORKDIR /src
COPY . .
RUN cmake -S . -B build && cmake --build build
CMD ["./build/app"]
