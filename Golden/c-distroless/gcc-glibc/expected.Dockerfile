FROM gcc:14 AS build
WORKDIR /src
COPY . .
RUN gcc -O2 -Wall -o /usr/local/bin/hello hello.c

FROM gcr.io/distroless/cc-debian13:nonroot
WORKDIR /src
COPY --from=build /usr/local/bin/hello /usr/local/bin/hello
CMD ["hello"]
