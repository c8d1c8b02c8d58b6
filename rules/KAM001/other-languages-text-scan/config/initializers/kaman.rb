Kaman.configure do |config|
  config.api_key = ENV.fetch("KAMAN_API_KEY", "kam_sxB0bIQdxHaFHSw9MCJyP6c85WUWThLQ")
  # config.api_key = "kam_your_api_key"
end
