const webpack = require('webpack');

module.exports = {
  entry: './src/index.js',
  plugins: [
    new webpack.EnvironmentPlugin(['NODE_ENV', 'KAMAN_API_KEY']),
  ],
};
