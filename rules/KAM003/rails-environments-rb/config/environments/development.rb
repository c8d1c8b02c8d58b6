Rails.application.configure do
  config.x.kaman.api_key = "kam_DAVqQZkYLNiTCviEI6NgQmgknxL1o16v"
end
