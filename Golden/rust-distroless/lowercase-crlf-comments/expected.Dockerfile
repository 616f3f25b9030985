# syntax=docker/dockerfile:1
# build the cli
from rust:1.80 as build
workdir /build
copy . .
# release build
run cargo build --release

from gcr.io/distroless/cc-debian13:latest
workdir /build
copy --from=build /build/target/release/cli /build/target/release/cli
copy --from=build \
    --exclude=**/*.rs --exclude=Cargo.toml --exclude=Cargo.lock --exclude=build.rs \
    --exclude=target --exclude=.git \
    /build /build
entrypoint ["/build/target/release/cli"]
