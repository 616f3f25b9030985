FROM golang:1.21-bookworm AS build
WORKDIR /src/ledger
COPY . .
RUN CGO_ENABLED=0 go build -trimpath

FROM gcr.io/distroless/static-debian13:nonroot
WORKDIR /src/ledger
COPY --from=build /src/ledger/ledger /src/ledger/ledger
CMD ["./ledger"]
