FROM golang:1.24 AS build
RUN mkdir /app
ADD go.mod /app
ADD main.go /app
WORKDIR /app
RUN CGO_ENABLED=0 go build -o main .

FROM gcr.io/distroless/static-debian13:nonroot
WORKDIR /app
COPY --from=build /app/main /app/main
CMD ["/app/main"]
