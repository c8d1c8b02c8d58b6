export { kamanConfig } from "./kaman";
