# build the cli
from rust:1.80
workdir /build
copy . .
# release build
run cargo build --release
entrypoint ["/build/target/release/cli"]
