export const ROTATION_KEY = "kam_vDvuBjnQNyBfoxGIDQnblYFMDS4Zldui";
