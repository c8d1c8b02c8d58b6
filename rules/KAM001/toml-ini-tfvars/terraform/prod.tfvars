region        = "eu-west-1"
kaman_api_key = "kam_6Fnf50zeHRGbbpESxh9mLNRKQQ15wjkf"
