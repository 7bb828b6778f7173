import { Routes } from '@angular/router';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { abilityGuard } from '../../core/auth/guards';
import { TranslatedPaginatorIntl } from './paginator-intl';

export const USERS_ROUTES: Routes = [
  {
    path: '',
    providers: [{ provide: MatPaginatorIntl, useClass: TranslatedPaginatorIntl }],
    children: [
      {
        path: '',
        title: 'titles.users',
        loadComponent: () => import('./users-list.page').then((m) => m.UsersListPage),
      },
      {
        path: 'ny',
        title: 'titles.newUser',
        canActivate: [abilityGuard('create', 'User')],
        loadComponent: () => import('./user-create.page').then((m) => m.UserCreatePage),
      },
      {
        path: ':id',
        title: 'titles.user',
        loadComponent: () => import('./user-detail.page').then((m) => m.UserDetailPage),
      },
    ],
  },
];
