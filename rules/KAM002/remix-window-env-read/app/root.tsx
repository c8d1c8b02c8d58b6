import { json } from "@remix-run/node";
import { Outlet, Scripts, useLoaderData } from "@remix-run/react";
import { getBrowserEnv } from "./env.server";

export async function loader() {
  return json({ ENV: getBrowserEnv() });
}

export default function App() {
  const data = useLoaderData<typeof loader>();
  return (
    <html>
      <body>
        <Outlet />
        <script dangerouslySetInnerHTML={{ __html: `window.ENV = ${JSON.stringify(data.ENV)}` }} />
        <Scripts />
      </body>
    </html>
  );
}
