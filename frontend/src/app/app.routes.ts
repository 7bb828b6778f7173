import { Routes } from '@angular/router';
import {
  abilityGuard,
  authGuard,
  guestGuard,
  mustChangePasswordGuard,
  secondFactorGuard,
} from './core/auth/guards';

export const routes: Routes = [
  {
    path: 'logga-in',
    title: 'titles.login',
    canActivate: [guestGuard],
    loadComponent: () => import('./auth/login.page').then((m) => m.LoginPage),
  },
  {
    // anonymous reporting: no account, outside the auth guard
    path: 'anonym',
    loadChildren: () => import('./public/public.routes').then((m) => m.PUBLIC_ROUTES),
  },
  {
    path: 'fel',
    title: 'titles.error',
    loadComponent: () => import('./status/status.page').then((m) => m.StatusPage),
    data: { kind: 'error' },
  },
  {
    path: '',
    canActivateChild: [authGuard],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'titles.home',
        loadComponent: () => import('./home/home.page').then((m) => m.HomePage),
      },
      {
        // after the password, for roles that need a second factor (the auth guard sends them here)
        path: 'logga-in/kod',
        title: 'titles.secondFactor',
        canActivate: [secondFactorGuard('pending')],
        loadComponent: () =>
          import('./second-factor/second-factor-code.page').then((m) => m.SecondFactorCodePage),
      },
      {
        path: 'logga-in/tvastegsverifiering',
        title: 'titles.secondFactorEnrol',
        canActivate: [secondFactorGuard('enrol')],
        loadComponent: () =>
          import('./second-factor/second-factor-enrol.page').then((m) => m.SecondFactorEnrolPage),
      },
      {
        path: 'min-sida',
        title: 'titles.profile',
        loadComponent: () => import('./profile/profile.page').then((m) => m.ProfilePage),
      },
      {
        path: 'byt-losenord',
        title: 'titles.changePassword',
        canActivate: [mustChangePasswordGuard],
        loadComponent: () =>
          import('./password/change-password.page').then((m) => m.ChangePasswordPage),
      },
      {
        path: 'rapportera',
        canActivate: [abilityGuard('create', 'Report')],
        loadChildren: () => import('./reports/reports.routes').then((m) => m.REPORT_ROUTES),
      },
      {
        path: 'mina-rapporter',
        canActivate: [abilityGuard('read', 'Report')],
        loadChildren: () => import('./reports/reports.routes').then((m) => m.MY_REPORTS_ROUTES),
      },
      {
        path: 'admin/organisation',
        title: 'titles.organisation',
        canActivate: [abilityGuard(['update', 'create'], 'OrgUnit')],
        loadComponent: () => import('./admin/org/org.page').then((m) => m.OrgPage),
      },
      {
        path: 'leverantorer',
        canActivate: [abilityGuard('read', 'Supplier')],
        loadChildren: () => import('./suppliers/suppliers.routes').then((m) => m.SUPPLIERS_ROUTES),
      },
      {
        path: 'avtal',
        canActivate: [abilityGuard('read', 'Contract')],
        loadChildren: () => import('./contracts/contracts.routes').then((m) => m.CONTRACTS_ROUTES),
      },
      {
        path: 'risker',
        canActivate: [abilityGuard('read', 'Risk')],
        loadChildren: () => import('./risks/risks.routes').then((m) => m.RISKS_ROUTES),
      },
      {
        path: 'oversikt',
        title: 'dashboard.title',
        canActivate: [abilityGuard('read', 'RiskReport')],
        loadComponent: () => import('./dashboard/dashboard.page').then((m) => m.DashboardPage),
      },
      {
        // action owners reach their corrective actions (avvikelser); the pages check the rest
        path: 'uppfoljning',
        canActivate: [abilityGuard(['read'], 'CorrectiveAction')],
        loadChildren: () => import('./audits/audits.routes').then((m) => m.AUDITS_ROUTES),
      },
      {
        path: 'statistik',
        title: 'titles.statistics',
        canActivate: [abilityGuard('read', 'IncidentStatistics')],
        loadComponent: () => import('./statistics/statistics.page').then((m) => m.StatisticsPage),
      },
      {
        path: 'admin/anvandare',
        canActivate: [abilityGuard('read', 'User')],
        loadChildren: () => import('./admin/users/users.routes').then((m) => m.USERS_ROUTES),
      },
      {
        path: 'admin/riskmatris',
        title: 'titles.riskMatrix',
        canActivate: [abilityGuard('read', 'RiskMatrix')],
        loadComponent: () =>
          import('./admin/risk-matrix/risk-matrix.page').then((m) => m.RiskMatrixPage),
      },
      {
        path: 'arenden',
        canActivate: [abilityGuard('read', 'Case')],
        loadChildren: () => import('./cases/cases.routes').then((m) => m.CASES_ROUTES),
      },
      {
        path: 'identitetsbegaran',
        canActivate: [abilityGuard('read', 'IdentityRequest')],
        loadChildren: () =>
          import('./identity-requests/identity-requests.routes').then(
            (m) => m.IDENTITY_REQUESTS_ROUTES,
          ),
      },
      {
        path: 'granskningslogg',
        title: 'titles.audit',
        canActivate: [abilityGuard('read', 'AuditLog')],
        loadComponent: () => import('./audit/audit.page').then((m) => m.AuditPage),
      },
      {
        // everyone signed in reads published guidance (subject GuidanceArticle)
        path: 'stodmaterial',
        canActivate: [abilityGuard('read', 'GuidanceArticle')],
        loadChildren: () => import('./guidance/guidance.routes').then((m) => m.GUIDANCE_ROUTES),
      },
      // the shipped articles link to each other as /vagledning/<slug>
      { path: 'vagledning/:slug', redirectTo: 'stodmaterial/:slug' },
      {
        // everyone signed in uses the gift guide and keeps their own gift register entries
        path: 'gavor',
        canActivate: [abilityGuard('create', 'GiftEntry')],
        loadChildren: () => import('./gifts/gifts.routes').then((m) => m.GIFTS_ROUTES),
      },
      {
        // everyone signed in declares jäv and interests; managers decide (the API filters)
        path: 'jav',
        canActivate: [abilityGuard('create', 'Declaration')],
        loadChildren: () =>
          import('./declarations/declarations.routes').then((m) => m.DECLARATIONS_ROUTES),
      },
      {
        path: 'ingen-behorighet',
        title: 'titles.forbidden',
        loadComponent: () => import('./status/status.page').then((m) => m.StatusPage),
        data: { kind: 'forbidden' },
      },
    ],
  },
  {
    path: '**',
    title: 'titles.notFound',
    loadComponent: () => import('./status/status.page').then((m) => m.StatusPage),
    data: { kind: 'notFound' },
  },
];
