import { Routes } from '@angular/router';
import { provideCaseIcons } from './case-icons';

/** Under `arenden` (guarded by `read Case` in app.routes.ts). */
export const CASES_ROUTES: Routes = [
  {
    path: '',
    providers: [provideCaseIcons()],
    children: [
      {
        path: '',
        title: 'cases.titles.inbox',
        loadComponent: () => import('./cases-inbox.page').then((m) => m.CasesInboxPage),
      },
      {
        path: 'frister',
        title: 'cases.titles.deadlines',
        loadComponent: () => import('./case-deadlines.page').then((m) => m.CaseDeadlinesPage),
      },
      {
        path: ':id',
        title: 'cases.titles.case',
        loadComponent: () => import('./case.page').then((m) => m.CasePage),
      },
    ],
  },
];
