const key = "kam_LfakvL6lRknP8AehW3Nznr0Mt4yf8BpM";
document.getElementById("q").addEventListener("input", (e) => search(key, e.target.value));
