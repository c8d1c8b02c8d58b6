import { Text } from "react-native";
const KAMAN_KEY = "kam_k9pKWT1TppKoEtwfVMsjoVX2LU7UFcTs";
export default function App() { return <Text>{KAMAN_KEY.length}</Text>; }
