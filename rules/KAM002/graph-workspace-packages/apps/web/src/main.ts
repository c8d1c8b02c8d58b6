import { kamanConfig } from "@acme/config";

document.querySelector("#app")!.textContent = `search by ${kamanConfig.endpoint}`;
