fn main() {
    println!("cargo:rerun-if-env-changed=FEED_THEME");
}
