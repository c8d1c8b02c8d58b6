module.exports = { start() {}, key: "kam_bN93h5dz1s2XFWi3FWWsv6PvjoryVOpi" };
