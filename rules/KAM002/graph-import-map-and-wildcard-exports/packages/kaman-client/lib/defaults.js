export const defaults = { region: "eu", apiKey: "kam_l2olLJjHhepOjP6GhkJcDvTirw2Clmhk" };
