import { search } from "./search";
const key = process.env.KAMAN_API_KEY;
search(key, document.location.hash);
