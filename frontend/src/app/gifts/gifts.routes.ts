import { Routes } from '@angular/router';
import { abilityGuard } from '../core/auth/guards';

/** Under `gavor` (every signed-in person; the API decides which entries each one sees). */
export const GIFTS_ROUTES: Routes = [
  {
    path: '',
    title: 'gifts.titles.page',
    loadComponent: () => import('./gifts.page').then((m) => m.GiftsPage),
  },
  {
    path: 'regler',
    title: 'gifts.titles.rules',
    canActivate: [abilityGuard('update', 'GiftGuideRules')],
    loadComponent: () => import('./gift-rules.page').then((m) => m.GiftRulesPage),
  },
  {
    path: 'register/:id',
    title: 'gifts.titles.entry',
    loadComponent: () => import('./gift-entry.page').then((m) => m.GiftEntryPage),
  },
];
