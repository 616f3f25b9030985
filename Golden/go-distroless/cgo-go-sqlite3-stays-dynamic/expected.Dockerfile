FROM golang:1.23-bookworm AS build
WORKDIR /src
COPY . .
RUN go build -o /usr/local/bin/bookmarks .

FROM gcr.io/distroless/base-debian13:latest
WORKDIR /src
COPY --from=build /usr/local/bin/bookmarks /usr/local/bin/bookmarks
EXPOSE 8080
CMD ["bookmarks"]
