FROM golang:1.22-alpine AS build
RUN apk add --no-cache git ca-certificates
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /bin/tool .

FROM alpine:3.24
RUN apk add --no-cache ca-certificates tzdata
WORKDIR /src
COPY --from=build /bin/tool /bin/tool
RUN adduser -D -u 10001 app
USER app
ENTRYPOINT ["/bin/tool"]
