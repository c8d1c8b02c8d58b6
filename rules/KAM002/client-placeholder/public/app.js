const KAMAN_KEY = "kam_your_api_key"; // set by the deploy script
console.log(KAMAN_KEY.length);
