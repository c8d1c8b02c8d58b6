// Rendered to static HTML on the server: no client:* directive, so no JS ships.
export const footerKey = "kam_VKo0ezXRmZLkpcLIlo5MSdAfIcNhzEH2";
