import { KAMAN_API_KEY } from "@env";
export default function App() { return null; }
