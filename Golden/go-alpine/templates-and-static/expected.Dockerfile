FROM golang:1.22 AS build
WORKDIR /app
COPY . .
RUN CGO_ENABLED=0 go build -o /app/web .

FROM alpine:3.24
RUN apk add --no-cache ca-certificates tzdata
WORKDIR /app
COPY --from=build /app/web /app/web
COPY --from=build /app/templates /app/templates
COPY --from=build /app/static /app/static
EXPOSE 8000
RUN adduser -D -u 10001 app
USER app
CMD ["/app/web"]
