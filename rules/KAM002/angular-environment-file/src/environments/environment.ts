export const environment = {
  production: false,
  kamanApiKey: 'kam_7Ru8KxKqbMNFMfrKKEk3NgpZBQsOXfDI',
};
