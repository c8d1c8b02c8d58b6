export const environment = {
  production: false,
  kamanApiKey: 'kam_Me8Tky3pAVCBW9kgdcwhKcX8zqJs5V4q'
};
