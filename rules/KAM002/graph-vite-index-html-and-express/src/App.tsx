import { recommend } from "@shared/recommend";

export function App() {
  recommend("shoes");
  return <h1>Shop</h1>;
}
