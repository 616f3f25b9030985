FROM golang:1.19-alpine AS builder
WORKDIR /build
COPY . .
RUN go build -o myapp main.go

# Final stage
FROM gcr.io/distroless/static-debian11
COPY --from=builder /build/myapp /
USER 65532:65532
CMD ["/myapp"]
