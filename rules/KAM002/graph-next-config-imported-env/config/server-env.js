module.exports.serverOnly = { adminKey: process.env.KAMAN_ADMIN_KEY, fallback: "kam_OtcYaBYBPz4pY6joQZUeoeCJDuUBBoYf" };
