import { MatPaginatorIntl } from '@angular/material/paginator';
import { Routes } from '@angular/router';
import { TranslatedPaginatorIntl } from '../admin/users/paginator-intl';
import { abilityGuard } from '../core/auth/guards';

/** Under `leverantorer` (guarded by `read Supplier` in app.routes.ts). */
export const SUPPLIERS_ROUTES: Routes = [
  {
    path: '',
    providers: [{ provide: MatPaginatorIntl, useClass: TranslatedPaginatorIntl }],
    children: [
      {
        path: '',
        title: 'suppliers.titles.list',
        loadComponent: () => import('./suppliers-list.page').then((m) => m.SuppliersListPage),
      },
      {
        path: 'ny',
        title: 'suppliers.titles.new',
        canActivate: [abilityGuard('create', 'Supplier')],
        loadComponent: () => import('./supplier-create.page').then((m) => m.SupplierCreatePage),
      },
      {
        path: ':id',
        title: 'suppliers.titles.detail',
        loadComponent: () => import('./supplier-detail.page').then((m) => m.SupplierDetailPage),
      },
    ],
  },
];
