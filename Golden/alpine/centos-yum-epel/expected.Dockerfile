FROM alpine:3.24
RUN apk add --no-cache gcc make openssl-dev
WORKDIR /src
COPY . .
RUN make
CMD ["./bin/server"]
