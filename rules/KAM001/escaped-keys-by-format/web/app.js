export const kamanKey = "\u{6b}am_aveeNA9HMl1RWgea05FNgOTNJ3NYvlu9";
