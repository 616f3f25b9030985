FROM gcc:14 AS build
WORKDIR /src
COPY main.cpp .
RUN g++ -O2 -std=c++20 -o /opt/worker main.cpp -lpthread

FROM gcr.io/distroless/cc-debian13:nonroot
WORKDIR /src
COPY --from=build /opt/worker /opt/worker
CMD ["/opt/worker"]
