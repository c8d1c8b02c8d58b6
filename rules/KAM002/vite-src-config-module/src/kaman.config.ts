export const kamanConfig = {
  host: "https://api.kaman.io",
  searchKey: "kam_QHy8sOhWOnXCnZBGbiG8lymEZARYBhiyytMg",
};
