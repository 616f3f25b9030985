use std::env;
use std::io::Write;
use std::net::TcpListener;

fn main() {
    dotenv::dotenv().ok();
    let word = env::var("WORD_OF_THE_DAY").unwrap_or_else(|_| "rust".into());
    let listener = TcpListener::bind("0.0.0.0:8000").unwrap();
    for stream in listener.incoming().flatten() {
        let mut stream = stream;
        let _ = write!(stream, "HTTP/1.1 200 OK\r\ncontent-length: {}\r\n\r\n{}", word.len(), word);
    }
}
