export const kamanKey = import.meta.env.APP_KAMAN_API_KEY;
export const serverKey = import.meta.env.KAMAN_SERVER_KEY;
