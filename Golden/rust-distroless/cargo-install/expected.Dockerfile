FROM rust:1.80 AS build
WORKDIR /src
COPY . .
RUN cargo install --path .

FROM gcr.io/distroless/cc-debian13:nonroot
WORKDIR /src
COPY --from=build /usr/local/cargo/bin/greeter /usr/local/bin/greeter
CMD ["greeter"]
