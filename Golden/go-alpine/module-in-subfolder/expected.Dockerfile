FROM golang:1.22 AS build
WORKDIR /repo
COPY . .
RUN cd backend && CGO_ENABLED=0 go build -o /usr/local/bin/backend .

FROM alpine:3.24
RUN apk add --no-cache ca-certificates tzdata
WORKDIR /repo
COPY --from=build /usr/local/bin/backend /usr/local/bin/backend
RUN adduser -D -u 10001 app
USER app
CMD ["backend"]
