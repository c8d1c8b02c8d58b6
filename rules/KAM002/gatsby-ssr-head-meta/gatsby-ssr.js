const React = require("react");

exports.onRenderBody = ({ setHeadComponents }) => {
  setHeadComponents([
    <meta key="kaman-url" name="kaman-url" content={process.env.KAMAN_API_URL} />,
    <meta key="kaman-key" name="kaman-key" content={process.env.KAMAN_API_KEY} />,
  ]);
};
