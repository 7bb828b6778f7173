import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { appConfig } from './app/app.config';

// A page restored from the back/forward cache comes back with its memory — after a sign-out,
// Back could show the previous person's lists. Load it afresh instead (the session is checked
// again, and a signed-out visitor lands on the login page).
window.addEventListener('pageshow', (event) => {
  if (event.persisted) window.location.reload();
});

bootstrapApplication(App, appConfig).catch((error: unknown) => console.error(error));
