// Must stay silent: placeholders and runtime values are not keys, however they are joined.
export const PLACEHOLDER = "kam_" + "your_api_key";
export const ALSO_PLACEHOLDER = ["kam_", "your", "_api_key"].join("");
export const RUNTIME = "kam_" + suffix;
export const FROM_ENV = "kam_" + process.env.KAMAN_KEY_BODY;
export const IS_KEY = (value) => value.startsWith("kam_") && value.length > 20;
// "kam_" + "Eez51Er4WKgKWU8RiyG5GS7g6NLgyVaj" in a comment is never joined
export const COMMAS = ["kam_", "Wm7otD4emnWsdNxKaJY6yEtznrsATEki"].join();
