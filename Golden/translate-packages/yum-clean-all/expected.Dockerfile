FROM alpine:3.20
RUN apk add --no-cache gcc musl-dev make openssl-dev
COPY src /src
RUN make -C /src
CMD ["/src/app"]
