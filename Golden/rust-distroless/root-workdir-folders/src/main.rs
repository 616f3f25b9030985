use std::io::Write;
use std::net::TcpListener;

use tera::{Context, Tera};

fn main() {
    let tera = Tera::new("templates/**/*.html").expect("templates");
    let listener = TcpListener::bind("0.0.0.0:8000").unwrap();
    for stream in listener.incoming().flatten() {
        let mut stream = stream;
        let page = tera.render("index.html", &Context::new()).unwrap();
        let _ = write!(stream, "HTTP/1.1 200 OK\r\ncontent-length: {}\r\n\r\n{}", page.len(), page);
    }
}
