import { searchKey } from "../lib/island-config";
export default function SearchIsland() {
  return <input data-k={searchKey.length} />;
}
