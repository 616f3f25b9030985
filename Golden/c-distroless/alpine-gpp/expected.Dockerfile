FROM alpine:3.20
RUN apk add --no-cache g++
WORKDIR /src
COPY main.cpp .
RUN g++ -O2 -o /usr/local/bin/app main.cpp
CMD ["app"]
