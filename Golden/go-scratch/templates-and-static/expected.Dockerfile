FROM golang:1.22 AS build
WORKDIR /app
COPY . .
RUN CGO_ENABLED=0 go build -o /app/web .

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
WORKDIR /app
COPY --from=build /app/web /app/web
COPY --from=build /app/templates /app/templates
COPY --from=build /app/static /app/static
EXPOSE 8000
USER 65532:65532
CMD ["/app/web"]
