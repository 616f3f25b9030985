FROM rust:1.82 AS build
WORKDIR /usr/src/guestbook
COPY . .
RUN cargo build --release

FROM gcr.io/distroless/cc-debian13:nonroot
WORKDIR /usr/src/guestbook
COPY --from=build /usr/src/guestbook/target/release/guestbook /usr/src/guestbook/target/release/guestbook
COPY --from=build /usr/src/guestbook/Rocket.toml /usr/src/guestbook/Rocket.toml
COPY --from=build /usr/src/guestbook/static /usr/src/guestbook/static
COPY --from=build /usr/src/guestbook/templates /usr/src/guestbook/templates
EXPOSE 8000
CMD ["./target/release/guestbook"]
