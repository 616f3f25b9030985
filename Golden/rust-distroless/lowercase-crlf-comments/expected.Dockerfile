# build the cli
from rust:1.80 as build
workdir /build
copy . .
# release build
run cargo build --release

from gcr.io/distroless/cc-debian13:nonroot
workdir /build
copy --from=build /build/target/release/cli /build/target/release/cli
entrypoint ["/build/target/release/cli"]
