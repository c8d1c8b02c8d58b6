// A key split inside a URL is in the URL all the same.
export const search = (q) => fetch("https://api.kaman.ai/v1/search?api_key=kam_" + "MYuHTYWFCBuKQeMa" + "tg9BwGRnGZJtgKfk&q=" + q);
export const PLAIN = `http://api.kaman.ai/v1/index?key=kam_${"wGZ5Uz5ljlVYyM6uFIcQ6RCTEM15HVPb"}`;
export const HEADERS = { Authorization: "Bearer kam_" + "1sWqHANa9nPXVmdLUXdxJQ4L7RR4Slse" };
export const DOCS = "https://docs.kaman.ai/v1?key=kam_" + "your_api_key";
