import { describe } from "vitest";
const KEY = "kam_IEYFqI6ZlISQEquCaYg9oonwovJEsymD";
