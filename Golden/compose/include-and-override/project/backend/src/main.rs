fn main() {
    println!("backend");
}
