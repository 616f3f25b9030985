FROM gcc:14 AS build
RUN apt-get update && apt-get install -y cmake
WORKDIR /src
COPY . .
RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build

FROM gcr.io/distroless/cc-debian13:nonroot
WORKDIR /src
COPY --from=build /src/build/app /src/build/app
ENTRYPOINT ["/src/build/app"]
