import { footerKey } from "../lib/footer-config";
export default function Footer() {
  return <footer>{footerKey ? "search enabled" : ""}</footer>;
}
