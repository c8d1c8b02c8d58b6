export const KEY = 'kam_DAVqQZkYLNiTCviEI6NgQmgknxL1o16v';
