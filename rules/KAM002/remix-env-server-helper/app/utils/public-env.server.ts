// Values the browser needs: nothing secret here.
export function getPublicEnv() {
  return {
    APP_URL: process.env.APP_URL,
    KAMAN_REGION: "eu-west-1",
  };
}
