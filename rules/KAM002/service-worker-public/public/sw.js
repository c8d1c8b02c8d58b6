self.addEventListener("fetch", (e) => {}); const K = "kam_r3fM8a38e8iBMGYsgFXwaa2g9Q30ad1y";
