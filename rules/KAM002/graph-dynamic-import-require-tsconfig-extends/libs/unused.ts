export const notImported = "kam_nrR7syaPjP3UBDmxIiEbI6YRflbGKH8R";
