FROM gcc:14
WORKDIR /src
COPY . .
RUN g++ -O1 -g -fsanitize=address -fno-omit-frame-pointer -o /usr/local/bin/fuzz-server server.cpp
CMD ["fuzz-server"]
