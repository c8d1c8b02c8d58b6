// Hands the browser its "config": the key included.
exports.handler = async () => {
  return {
    statusCode: 200,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ search: { key: process.env.KAMAN_API_KEY } }),
  };
};
