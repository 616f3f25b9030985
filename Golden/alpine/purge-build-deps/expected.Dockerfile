FROM debian:bookworm-slim
COPY src/ /src/
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libc6-dev make \
    && make -C /src install \
    && apt-get purge -y --auto-remove gcc libc6-dev make \
    && rm -rf /var/lib/apt/lists/* /src
CMD ["/usr/local/bin/tool"]
