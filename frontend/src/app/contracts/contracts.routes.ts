import { Routes } from '@angular/router';
import { abilityGuard } from '../core/auth/guards';

/** Under `avtal` (guarded by `read Contract` in app.routes.ts). */
export const CONTRACTS_ROUTES: Routes = [
  {
    path: '',
    title: 'contracts.titles.list',
    loadComponent: () => import('./contracts-list.page').then((m) => m.ContractsListPage),
  },
  {
    path: 'nytt',
    title: 'contracts.titles.new',
    canActivate: [abilityGuard('create', 'Contract')],
    loadComponent: () => import('./contract-create.page').then((m) => m.ContractCreatePage),
  },
  {
    path: 'importera',
    title: 'contracts.titles.import',
    canActivate: [abilityGuard('create', 'Contract')],
    loadComponent: () => import('./contract-import.page').then((m) => m.ContractImportPage),
  },
  {
    path: ':id',
    title: 'contracts.titles.detail',
    loadComponent: () => import('./contract-detail.page').then((m) => m.ContractDetailPage),
  },
];
