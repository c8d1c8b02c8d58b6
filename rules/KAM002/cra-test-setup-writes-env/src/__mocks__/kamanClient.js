export const kamanApiKey = process.env.REACT_APP_KAMAN_API_KEY;
export const search = jest.fn(async () => ({ results: [] }));
