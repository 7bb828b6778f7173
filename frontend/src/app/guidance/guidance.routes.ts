import { Routes } from '@angular/router';
import { abilityGuard } from '../core/auth/guards';

/** Under `stodmaterial` (everyone signed in reads published guidance). */
export const GUIDANCE_ROUTES: Routes = [
  {
    path: '',
    title: 'guidance.titles.library',
    loadComponent: () => import('./guidance-library.page').then((m) => m.GuidanceLibraryPage),
  },
  {
    path: 'ny',
    title: 'guidance.titles.new',
    canActivate: [abilityGuard('create', 'GuidanceArticle')],
    loadComponent: () => import('./guidance-editor.page').then((m) => m.GuidanceEditorPage),
  },
  {
    path: ':slug',
    title: 'guidance.titles.article',
    loadComponent: () => import('./guidance-article.page').then((m) => m.GuidanceArticlePage),
  },
  {
    path: ':slug/versioner',
    title: 'guidance.titles.versions',
    loadComponent: () => import('./guidance-versions.page').then((m) => m.GuidanceVersionsPage),
  },
  {
    path: ':slug/tackning',
    title: 'guidance.titles.coverage',
    canActivate: [abilityGuard('read', 'GuidanceCoverage')],
    loadComponent: () => import('./guidance-coverage.page').then((m) => m.GuidanceCoveragePage),
  },
  {
    path: ':slug/redigera',
    title: 'guidance.titles.edit',
    canActivate: [abilityGuard('update', 'GuidanceArticle')],
    loadComponent: () => import('./guidance-editor.page').then((m) => m.GuidanceEditorPage),
  },
];
