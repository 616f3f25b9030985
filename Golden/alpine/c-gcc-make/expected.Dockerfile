FROM debian:bookworm-slim
WORKDIR /app
COPY . /app
# the compiler and make
RUN apt-get update && apt-get install -y --no-install-recommends gcc make \
    && rm -rf /var/lib/apt/lists/*
RUN make
EXPOSE 8080
CMD ["./server"]
