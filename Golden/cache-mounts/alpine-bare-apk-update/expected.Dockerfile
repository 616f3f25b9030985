FROM alpine:3.20
RUN apk update
RUN apk add --no-cache cmake make g++
WORKDIR /src
COPY . .
RUN cmake -B build && cmake --build build
CMD ["./build/hello"]
