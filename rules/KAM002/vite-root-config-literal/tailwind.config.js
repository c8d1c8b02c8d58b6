module.exports = { content: ["./src/**/*.tsx"], theme: { extend: { colors: { kaman: "#ff5a1f" } } } };
