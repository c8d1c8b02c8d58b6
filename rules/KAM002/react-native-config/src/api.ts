import Config from "react-native-config";
export const kaman = { key: Config.KAMAN_API_KEY };
