import { mergeApplicationConfig, ApplicationConfig } from '@angular/core';
import { provideServerRendering } from '@angular/platform-server';
import { KAMAN_SERVER_KEY } from './kaman.tokens';
import { appConfig } from './app.config';

const serverConfig: ApplicationConfig = {
  providers: [
    provideServerRendering(),
    { provide: KAMAN_SERVER_KEY, useValue: 'kam_HpmWfb59XsaLv4exi416j2qIosdFwlU1KUKe' },
  ],
};

export const config = mergeApplicationConfig(appConfig, serverConfig);
