export const headers = { Authorization: "Bearer kam_crcaBtaEMbk9o59roCir0ka1WnaUe8ky" };
