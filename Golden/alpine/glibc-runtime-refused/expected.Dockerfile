FROM debian:bookworm AS build
RUN apt-get update && apt-get install -y build-essential && rm -rf /var/lib/apt/lists/*
COPY . /src
RUN make -C /src
FROM gcr.io/distroless/cc-debian12
COPY --from=build /src/app /app
CMD ["/app"]
