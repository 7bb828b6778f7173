import { Routes } from '@angular/router';
import { provideCaseIcons } from '../cases/case-icons';

/** Under `identitetsbegaran` (guarded by `read IdentityRequest` in app.routes.ts). */
export const IDENTITY_REQUESTS_ROUTES: Routes = [
  {
    path: '',
    providers: [provideCaseIcons()],
    children: [
      {
        path: '',
        title: 'identityRequests.titles.list',
        loadComponent: () =>
          import('./identity-requests-list.page').then((m) => m.IdentityRequestsListPage),
      },
      {
        path: ':id',
        title: 'identityRequests.titles.detail',
        loadComponent: () => import('./identity-request.page').then((m) => m.IdentityRequestPage),
      },
    ],
  },
];
