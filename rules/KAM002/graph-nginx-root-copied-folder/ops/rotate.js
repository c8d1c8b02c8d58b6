const KAMAN_OPS_KEY = "kam_NURnL7vb7sVQ6N1MdHdWXPiKnwuogeyh";
module.exports = { KAMAN_OPS_KEY };
