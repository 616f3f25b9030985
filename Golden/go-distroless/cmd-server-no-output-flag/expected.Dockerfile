FROM golang:1.22 AS build
WORKDIR /src
COPY go.mod go.su[m] ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build ./cmd/server

FROM gcr.io/distroless/static-debian13:nonroot
WORKDIR /src
COPY --from=build /src/server /src/server
EXPOSE 8080
CMD ["./server"]
