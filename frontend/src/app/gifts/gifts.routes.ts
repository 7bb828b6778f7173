import { Routes } from '@angular/router';

/** Under `gavor` (every signed-in person; the API decides which entries each one sees). */
export const GIFTS_ROUTES: Routes = [
  {
    path: '',
    title: 'gifts.titles.page',
    loadComponent: () => import('./gifts.page').then((m) => m.GiftsPage),
  },
  {
    path: 'register/:id',
    title: 'gifts.titles.entry',
    loadComponent: () => import('./gift-entry.page').then((m) => m.GiftEntryPage),
  },
];
