import { Routes } from '@angular/router';

/** Under `jav` (every signed-in person; the API decides which declarations each one sees). */
export const DECLARATIONS_ROUTES: Routes = [
  {
    path: '',
    title: 'declarations.titles.page',
    loadComponent: () => import('./declarations.page').then((m) => m.DeclarationsPage),
  },
  {
    path: 'ny',
    title: 'declarations.titles.new',
    loadComponent: () => import('./declaration-form.page').then((m) => m.DeclarationFormPage),
  },
  {
    path: 'deklarationer/:id',
    title: 'declarations.titles.detail',
    loadComponent: () => import('./declaration.page').then((m) => m.DeclarationPage),
  },
];
