FROM golang:1.22 AS build
WORKDIR /go/src/api
COPY . .
RUN CGO_ENABLED=0 go install ./cmd/api

FROM gcr.io/distroless/static-debian13:nonroot
WORKDIR /go/src/api
COPY --from=build /go/bin/api /usr/local/bin/api
CMD ["api"]
