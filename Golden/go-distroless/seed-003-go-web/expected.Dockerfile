FROM golang:1.19-alpine AS build
WORKDIR /build
COPY . .
RUN CGO_ENABLED=0 go build -o myapp main.go

FROM gcr.io/distroless/static-debian13:nonroot
WORKDIR /build
COPY --from=build /build/myapp /build/myapp
CMD ["./myapp"]
