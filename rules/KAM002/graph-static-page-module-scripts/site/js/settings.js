export const KAMAN = { key: "kam_QqLyUirZeHk9Naa4Mhqz4tMQnA1wxWfB", region: "eu" };
