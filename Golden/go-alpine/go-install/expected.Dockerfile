FROM golang:1.22 AS build
WORKDIR /go/src/api
COPY . .
RUN CGO_ENABLED=0 go install ./cmd/api

FROM alpine:3.24
RUN apk add --no-cache ca-certificates tzdata
WORKDIR /go/src/api
COPY --from=build /go/bin/api /usr/local/bin/api
RUN adduser -D -u 10001 app
USER app
CMD ["api"]
