FROM alpine:3.20
COPY src/ /src/
RUN apk add --no-cache gcc musl-dev make \
    && make -C /src install \
    && apk del gcc musl-dev make \
    && rm -rf /src
CMD ["/usr/local/bin/tool"]
