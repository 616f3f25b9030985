FROM alpine:3.20
RUN apk add --no-cache gcc musl-dev zlib-dev
WORKDIR /src
COPY . .
RUN gcc -O2 -o /usr/local/bin/squash squash.c -lz
ENTRYPOINT ["squash"]
