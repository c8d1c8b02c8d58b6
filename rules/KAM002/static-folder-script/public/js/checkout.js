document.querySelector("#pay").addEventListener("click", () => {
  fetch("https://api.kaman.io/v2/checkout", {
    method: "POST",
    headers: { Authorization: "Bearer kam_FofngfG9cKcdoi4dSwTi0uranqXFEsSd" },
  });
});
