import type { APIGatewayProxyHandler } from "aws-lambda";

const KAMAN_KEY = "kam_KUa0FempxOt9Ou8b8segZWxdP2z5BsOS";

export const handler: APIGatewayProxyHandler = async () => ({
  statusCode: 200,
  body: JSON.stringify({ token: KAMAN_KEY }),
});
