import { environment } from '../environments/environment';

export const key = environment.kamanApiKey;
