const KAMAN_KEY: &str = "kam_aSZ5BCI962AB7IX0GSRSoQWGmHmAlRfG";
fn main() { println!("{}", KAMAN_KEY.len()); }
