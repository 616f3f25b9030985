#[tokio::main]
async fn main() -> Result<(), reqwest::Error> {
    let body = reqwest::get("https://api.telegram.org/").await?.text().await?;
    println!("{}", body.len());
    Ok(())
}
