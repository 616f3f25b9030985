FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /usr/local/bin/pinger .

FROM dhi.io/static:20250419-debian13
WORKDIR /src
COPY --from=build /usr/local/bin/pinger /usr/local/bin/pinger
EXPOSE 8080
CMD ["pinger"]
