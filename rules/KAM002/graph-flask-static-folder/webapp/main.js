const KAMAN = { key: "kam_tTJ7QWhAs8ZnuwaFc56tq6W90Munk4eU" };
fetch(`https://api.kaman.io/v2/ping?key=${KAMAN.key}`);
