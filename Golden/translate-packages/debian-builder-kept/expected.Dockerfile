FROM debian:bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev && rm -rf /var/lib/apt/lists/*
COPY main.c .
RUN gcc -static -o /app main.c

FROM alpine:3.20
RUN apk add --no-cache ca-certificates
COPY --from=build /app /app
CMD ["/app"]
