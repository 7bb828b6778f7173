import { Routes } from '@angular/router';
import { provideReportIcons } from '../reports/report-icons';
import { receiptSavedGuard } from './receipt.page';

/** `/anonym/**`: reporting without an account (outside the auth guard). */
export const PUBLIC_ROUTES: Routes = [
  {
    path: '',
    providers: [provideReportIcons()],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'anon.titles.form',
        loadComponent: () => import('./anon-report.page').then((m) => m.AnonReportPage),
      },
      {
        path: 'kvitto',
        title: 'anon.titles.receipt',
        canDeactivate: [receiptSavedGuard],
        loadComponent: () => import('./receipt.page').then((m) => m.ReceiptPage),
      },
      {
        path: 'logga-in',
        title: 'anon.titles.login',
        loadComponent: () => import('./receipt-login.page').then((m) => m.ReceiptLoginPage),
      },
      {
        path: 'rapport',
        title: 'anon.titles.view',
        loadComponent: () => import('./anon-view.page').then((m) => m.AnonViewPage),
      },
    ],
  },
];
