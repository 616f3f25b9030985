FROM rust:1.80 AS build
WORKDIR /usr/src/app
COPY . .
RUN cargo build --release

FROM gcr.io/distroless/cc-debian13:nonroot
WORKDIR /usr/src/app
COPY --from=build /usr/src/app/target/release/server /usr/src/app/target/release/server
CMD ["./target/release/server"]
