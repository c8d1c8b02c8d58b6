const React = require("react");

exports.onRenderBody = ({ setHeadComponents }) => {
  setHeadComponents([
    <link key="kaman-preconnect" rel="preconnect" href={process.env.KAMAN_API_URL} />,
    <meta key="kaman-enabled" name="kaman-enabled" content={process.env.KAMAN_API_KEY ? "yes" : "no"} />,
  ]);
};
