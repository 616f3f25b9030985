# syntax=docker/dockerfile:1
# dockslim's image: the release binary with the Swift runtime linked in
# (--static-swift-stdlib), on distroless cc (glibc, libstdc++ and libgcc_s,
# which such a binary still loads), running as the distroless nonroot user.
#   docker build -t dockslim .
#   docker run --rm -v "$PWD:/work" dockslim audit .
# The builder is Debian 12 like the runtime, so the binary needs no newer glibc.
FROM swift:6.3.1-bookworm AS build
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY Recipes ./Recipes
RUN swift build -c release --static-swift-stdlib --product dockslim \
 && install -D -s "$(swift build -c release --show-bin-path)/dockslim" /out/dockslim

FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /out/dockslim /usr/local/bin/dockslim
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/dockslim"]
