const BASE = "https://api.kaman.io/v2";
export const widgetSrc = `${BASE}/widget.js?key=kam_aWZH6nQGdvKYOqz4isEwGu6SNO4PdNU8&theme=dark`;
