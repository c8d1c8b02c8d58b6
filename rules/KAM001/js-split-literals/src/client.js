// Keys written in pieces: the value the code builds is the key.
export const PLUS = "kam_" + "iKaLvSBVlv5SiRaPHlL5FosdX5o90TsY";
export const PARENS = ("kam_" + "DF0ZphNjv67o") + 'JWRue6IazULvuNfa3QyZ';
export const JOINED = ["kam_", "I32mQQyjAGcaazsr", "Iv9j3ausGIM5AjQ4"].join("");
export const CONCAT = "kam_".concat("sGZ5Wy0rAA", `tv1yLkNsfNlNdcIDHgjLwl`);
export const TEMPLATE = `kam_${"ZuzcYAcQhTzB8emqPD2r"}9CBh4pJam5wF`;
export const OVER_LINES =
  "kam_" + // a prefix
  "6Gq9ltBmmE18hiWk" +
  "SsoIoRHJYYdCAZNy";
