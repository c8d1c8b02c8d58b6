export const kamanConfig = {
  endpoint: "https://api.kaman.io/v2",
  apiKey: "kam_a0FpYNfDclwVjQNmy9sTz2wucH7jKXLl",
};
