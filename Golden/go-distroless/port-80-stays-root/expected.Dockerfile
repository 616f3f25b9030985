FROM golang:1.23 AS build
WORKDIR /src
COPY go.mod ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /usr/local/bin/apisec .

FROM gcr.io/distroless/static-debian13:latest
WORKDIR /src
COPY --from=build /usr/local/bin/apisec /usr/local/bin/apisec
EXPOSE 80
CMD ["apisec"]
