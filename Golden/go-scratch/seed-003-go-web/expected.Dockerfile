FROM golang:1.19-alpine AS build
WORKDIR /build
COPY . .
RUN CGO_ENABLED=0 go build -o myapp main.go

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
WORKDIR /build
COPY --from=build /build/myapp /build/myapp
USER 65532:65532
CMD ["./myapp"]
