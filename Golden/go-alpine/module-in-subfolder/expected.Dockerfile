# syntax=docker/dockerfile:1
FROM golang:1.22 AS build
WORKDIR /repo
COPY . .
RUN cd backend && CGO_ENABLED=0 go build -o /usr/local/bin/backend .

FROM alpine:3.24
RUN apk add --no-cache ca-certificates tzdata
WORKDIR /repo
COPY --from=build /usr/local/bin/backend /usr/local/bin/backend
COPY --from=build \
    --exclude=**/*.go --exclude=go.mod --exclude=go.sum --exclude=vendor \
    --exclude=.git \
    /repo /repo
CMD ["backend"]
