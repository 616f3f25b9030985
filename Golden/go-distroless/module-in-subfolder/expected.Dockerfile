FROM golang:1.22 AS build
WORKDIR /repo
COPY . .
RUN cd backend && CGO_ENABLED=0 go build -o /usr/local/bin/backend .

FROM gcr.io/distroless/static-debian13:nonroot
WORKDIR /repo
COPY --from=build /usr/local/bin/backend /usr/local/bin/backend
CMD ["backend"]
