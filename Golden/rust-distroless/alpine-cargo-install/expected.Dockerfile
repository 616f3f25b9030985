FROM rust:1.80-alpine AS build
RUN apk add --no-cache musl-dev
WORKDIR /src
COPY . .
RUN cargo install --locked --path .

FROM gcr.io/distroless/static-debian13:nonroot
WORKDIR /src
COPY --from=build /usr/local/cargo/bin/svc /usr/local/bin/svc
ENTRYPOINT ["svc"]
