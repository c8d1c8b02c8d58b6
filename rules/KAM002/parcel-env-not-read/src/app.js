document.querySelector("#go").addEventListener("click", () => fetch("/api/search"));
