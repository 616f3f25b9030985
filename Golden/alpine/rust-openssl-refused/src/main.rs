#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let body = reqwest::get("https://api.inaturalist.org/v1/observations?per_page=1")
        .await?
        .text()
        .await?;
    println!("{}", body.len());
    Ok(())
}
