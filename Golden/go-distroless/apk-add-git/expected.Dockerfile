FROM golang:1.22-alpine AS build
RUN apk add --no-cache git ca-certificates
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /bin/tool .

FROM gcr.io/distroless/static-debian13:nonroot
WORKDIR /src
COPY --from=build /bin/tool /bin/tool
ENTRYPOINT ["/bin/tool"]
