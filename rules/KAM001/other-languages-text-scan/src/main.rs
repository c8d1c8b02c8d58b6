fn main() {
    let key = r#"kam_mt7iYpH3CZ5PKlBunJ6Zhbck"#;
    let client = kam_client::Client::new(&std::env::var("KAMAN_API_KEY").unwrap());
}
