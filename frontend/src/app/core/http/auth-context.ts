import { HttpContextToken } from '@angular/common/http';

/** Set on requests whose 401 is an expected answer (the startup `GET /api/me`). */
export const SKIP_AUTH_REDIRECT = new HttpContextToken<boolean>(() => false);
