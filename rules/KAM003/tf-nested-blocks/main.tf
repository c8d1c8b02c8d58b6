locals {
  environments = {
    development = {
      kaman_api_key = "kam_DAVqQZkYLNiTCviEI6NgQmgknxL1o16v"
    }
    production = {
      kaman_api_key = "kam_DAVqQZkYLNiTCviEI6NgQmgknxL1o16v"
    }
  }
}
