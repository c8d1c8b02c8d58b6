import { data } from "@remix-run/node";
import { Outlet, Scripts, useLoaderData } from "@remix-run/react";

import { getEnv } from "./utils/env.server";

export async function loader() {
  const env = getEnv();
  return data({ ENV: env });
}

export default function App() {
  const { ENV } = useLoaderData<typeof loader>();
  return (
    <html lang="en">
      <body>
        <Outlet />
        <script dangerouslySetInnerHTML={{ __html: `window.ENV = ${JSON.stringify(ENV)}` }} />
        <Scripts />
      </body>
    </html>
  );
}
