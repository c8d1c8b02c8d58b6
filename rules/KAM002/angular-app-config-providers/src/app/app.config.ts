import { ApplicationConfig } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { provideKaman } from '@kaman/angular';

export const appConfig: ApplicationConfig = {
  providers: [
    provideHttpClient(),
    provideKaman({
      analyticsKey: 'kam_f40oKaWeZjWY3SR4MNfw6tGDFC37ewHFKxBX',
    }),
  ],
};
