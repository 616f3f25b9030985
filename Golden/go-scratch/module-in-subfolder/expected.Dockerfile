FROM golang:1.22 AS build
WORKDIR /repo
COPY . .
RUN cd backend && CGO_ENABLED=0 go build -o /usr/local/bin/backend .

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
WORKDIR /repo
COPY --from=build /usr/local/bin/backend /usr/local/bin/backend
USER 65532:65532
CMD ["backend"]
