import { createRoot } from "react-dom/client";
import { search } from "@acme/kaman-client";
import { defaults } from "@acme/kaman-client/defaults";

createRoot(document.getElementById("root")).render(<button onClick={() => search("shoes", defaults.apiKey)}>Search</button>);
