import { Routes } from '@angular/router';
import { abilityGuard } from '../core/auth/guards';
import { provideAuditIcons } from './audit-icons';

/**
 * Under `uppfoljning` (app.routes.ts guards it by `read CorrectiveAction`, which every action
 * owner has): the plan and audits need `read ContractAudit`; "avvikelser" shows owners their
 * own actions only.
 */
export const AUDITS_ROUTES: Routes = [
  {
    path: '',
    providers: [provideAuditIcons()],
    children: [
      {
        path: '',
        title: 'audits.titles.plan',
        canActivate: [abilityGuard('read', 'ContractAudit')],
        loadComponent: () => import('./audit-plan.page').then((m) => m.AuditPlanPage),
      },
      {
        path: 'granskningar/:id',
        title: 'audits.titles.audit',
        canActivate: [abilityGuard('read', 'ContractAudit')],
        loadComponent: () => import('./audit-run.page').then((m) => m.AuditRunPage),
      },
      {
        path: 'checklistor',
        title: 'audits.titles.checklists',
        canActivate: [abilityGuard('read', 'ChecklistTemplate')],
        loadComponent: () => import('./checklists.page').then((m) => m.ChecklistsPage),
      },
      {
        path: 'checklistor/ny',
        title: 'audits.titles.newChecklist',
        canActivate: [abilityGuard('create', 'ChecklistTemplate')],
        loadComponent: () => import('./checklist-editor.page').then((m) => m.ChecklistEditorPage),
      },
      {
        path: 'checklistor/:id',
        title: 'audits.titles.checklist',
        canActivate: [abilityGuard('read', 'ChecklistTemplate')],
        loadComponent: () => import('./checklist-view.page').then((m) => m.ChecklistViewPage),
      },
      {
        path: 'avvikelser',
        title: 'audits.titles.findings',
        loadComponent: () => import('./findings.page').then((m) => m.FindingsPage),
      },
    ],
  },
];
