export const kamanKeys = {
  development: 'kam_1r9SauwhTXWbZ172DHZmx6RDoCGBehH3',
  production: 'kam_DAVqQZkYLNiTCviEI6NgQmgknxL1o16v',
  test: 'kam_DAVqQZkYLNiTCviEI6NgQmgknxL1o16v',
};
