FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /usr/local/bin/pinger .

FROM cgr.dev/chainguard/static:latest
WORKDIR /src
COPY --from=build /usr/local/bin/pinger /usr/local/bin/pinger
EXPOSE 8080
CMD ["pinger"]
