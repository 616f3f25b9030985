use std::io::{Read, Write};
use std::net::TcpListener;
use std::thread;

fn main() -> std::io::Result<()> {
    let addr = std::env::var("LISTEN").unwrap_or_else(|_| "0.0.0.0:7000".to_string());
    let listener = TcpListener::bind(&addr)?;
    println!("echo-server listening on {}", addr);
    for stream in listener.incoming() {
        let mut stream = stream?;
        thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stream.read(&mut buf) {
                if n == 0 || stream.write_all(&buf[..n]).is_err() {
                    break;
                }
            }
        });
    }
    Ok(())
}
