FROM alpine:3.20
RUN apt-get update && apt-get install -y --no-install-recommends libfrobnicate7 ca-certificates && rm -rf /var/lib/apt/lists/*
CMD ["/usr/local/bin/app"]
