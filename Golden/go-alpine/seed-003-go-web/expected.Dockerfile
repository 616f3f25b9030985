FROM golang:1.19-alpine AS build
WORKDIR /build
COPY . .
RUN CGO_ENABLED=0 go build -o myapp main.go

FROM alpine:3.24
RUN apk add --no-cache ca-certificates tzdata
WORKDIR /build
COPY --from=build /build/myapp /build/myapp
RUN adduser -D -u 10001 app
USER app
CMD ["./myapp"]
