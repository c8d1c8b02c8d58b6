variable "kaman_api_keys" {
  type = map(string)
  default = {
    dev  = "kam_DAVqQZkYLNiTCviEI6NgQmgknxL1o16v"
    prod = "kam_DAVqQZkYLNiTCviEI6NgQmgknxL1o16v"
  }
}
