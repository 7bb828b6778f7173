import { Routes } from '@angular/router';
import { abilityGuard } from '../core/auth/guards';

/** Under `risker` (guarded by `read Risk` in app.routes.ts). */
export const RISKS_ROUTES: Routes = [
  {
    path: '',
    title: 'risks.titles.list',
    loadComponent: () => import('./risks-list.page').then((m) => m.RisksListPage),
  },
  {
    path: 'karta',
    title: 'risks.titles.heatmap',
    loadComponent: () => import('./risk-heatmap.page').then((m) => m.RiskHeatmapPage),
  },
  {
    path: 'ny',
    title: 'risks.titles.new',
    canActivate: [abilityGuard('create', 'Risk')],
    loadComponent: () => import('./risk-create.page').then((m) => m.RiskCreatePage),
  },
  {
    path: ':id',
    title: 'risks.titles.detail',
    loadComponent: () => import('./risk-detail.page').then((m) => m.RiskDetailPage),
  },
];
