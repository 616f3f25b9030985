use std::env;
use std::fs;

fn main() {
    let port = env::args().skip_while(|a| a != "--port").nth(1).unwrap_or_else(|| "8000".to_string());
    let page = fs::read_to_string("templates/feed.html").expect("template");
    let server = tiny_http::Server::http(format!("0.0.0.0:{}", port)).unwrap();
    for request in server.incoming_requests() {
        let _ = request.respond(tiny_http::Response::from_string(page.clone()));
    }
}
