export const environment = {
  kamanApiKey: 'kam_9epPPboKgeC7yImBA7xpzxjO9QqNhwar'
};
