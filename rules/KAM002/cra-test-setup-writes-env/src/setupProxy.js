const { createProxyMiddleware } = require('http-proxy-middleware');

module.exports = function (app) {
  app.use('/kaman', createProxyMiddleware({
    target: 'https://api.kaman.io',
    changeOrigin: true,
    headers: { Authorization: `Bearer ${process.env.REACT_APP_KAMAN_API_KEY}` },
  }));
};
