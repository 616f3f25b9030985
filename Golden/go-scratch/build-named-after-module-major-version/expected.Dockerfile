FROM golang:1.21-bookworm AS build
WORKDIR /src/ledger
COPY . .
RUN CGO_ENABLED=0 go build -trimpath

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
WORKDIR /src/ledger
COPY --from=build /src/ledger/ledger /src/ledger/ledger
USER 65532:65532
CMD ["./ledger"]
