import { json } from "@remix-run/node";
export async function loader() {
  return json({
    ENV: {
      KAMAN_API_KEY: process.env.KAMAN_API_KEY,
    },
  });
}
