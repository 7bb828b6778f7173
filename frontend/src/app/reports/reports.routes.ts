import { Routes } from '@angular/router';
import { provideReportIcons } from './report-icons';

/** `/rapportera` and `/mina-rapporter` (every signed-in user; inside the auth guard). */
export const REPORT_ROUTES: Routes = [
  {
    path: '',
    providers: [provideReportIcons()],
    loadComponent: () => import('./report.page').then((m) => m.ReportPage),
    title: 'report.titles.form',
  },
];

export const MY_REPORTS_ROUTES: Routes = [
  {
    path: '',
    providers: [provideReportIcons()],
    children: [
      {
        path: '',
        title: 'myReports.titles.list',
        loadComponent: () => import('./my-reports.page').then((m) => m.MyReportsPage),
      },
      {
        path: ':id',
        title: 'myReports.titles.detail',
        loadComponent: () => import('./my-report.page').then((m) => m.MyReportPage),
      },
    ],
  },
];
