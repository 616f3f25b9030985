use diesel::r2d2::{ConnectionManager, Pool};
use diesel::PgConnection;

#[tokio::main]
async fn main() {
    let url = std::env::var("DATABASE_URL").expect("DATABASE_URL");
    let pool = Pool::builder().build(ConnectionManager::<PgConnection>::new(url)).expect("pool");
    let _ = pool;
    let app = axum::Router::new().route("/", axum::routing::get(|| async { "ok" }));
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
