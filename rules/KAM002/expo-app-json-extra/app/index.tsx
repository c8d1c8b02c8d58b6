import Constants from "expo-constants";
import { Text } from "react-native";

const key = Constants.expoConfig?.extra?.kamanApiKey;

export default function Home() {
  return <Text>{key ? "search ready" : "no key"}</Text>;
}
