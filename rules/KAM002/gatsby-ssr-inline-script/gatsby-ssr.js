import React from "react";

const kamanKey = process.env.KAMAN_SEARCH_KEY;

export const onRenderBody = ({ setPostBodyComponents, setHtmlAttributes }) => {
  setHtmlAttributes({ lang: "en" });
  setPostBodyComponents([
    <script
      key="kaman-init"
      dangerouslySetInnerHTML={{ __html: `window.kaman.init(${JSON.stringify(kamanKey)})` }}
    />,
  ]);
};
