import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionService } from '../core/auth/session.service';
import { toProblem, type Problem } from '../core/errors/problem';
import { Badge } from '../shared/ui/badge';
import { DateTimePipe } from '../shared/ui/date-time.pipe';
import { EmptyState } from '../shared/ui/empty-state';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import type { ChecklistSummary } from './audits.models';
import { AuditsService } from './audits.service';

/** Versions grouped by template, newest version first. */
export function groupByTemplate(
  list: readonly ChecklistSummary[],
): { key: string; title: string; versions: ChecklistSummary[] }[] {
  const groups = new Map<string, ChecklistSummary[]>();
  for (const c of list) groups.set(c.key, [...(groups.get(c.key) ?? []), c]);
  return [...groups.entries()].map(([key, versions]) => {
    const sorted = [...versions].sort((a, b) => b.version - a.version);
    return { key, title: sorted[0].title, versions: sorted };
  });
}

/** `/uppfoljning/checklistor`: checklist templates and their versions. */
@Component({
  selector: 'varn-checklists-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslocoPipe,
    Badge,
    DateTimePipe,
    EmptyState,
    PageHeader,
    ProblemAlert,
  ],
  template: `
    <varn-page-header
      [heading]="'audits.checklists.heading' | transloco"
      [lead]="'audits.checklists.lead' | transloco"
    >
      <a mat-stroked-button routerLink="/uppfoljning">{{ 'audits.backToPlan' | transloco }}</a>
      @if (canCreate()) {
        <a mat-flat-button routerLink="ny">
          <mat-icon svgIcon="add" />
          {{ 'audits.checklists.newTemplate' | transloco }}
        </a>
      }
    </varn-page-header>
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
    }
    <varn-problem-alert [problem]="problem()" />
    @if (groups(); as list) {
      @if (!list.length) {
        <varn-empty-state
          icon="info"
          [heading]="'audits.checklists.emptyHeading' | transloco"
          [text]="'audits.checklists.emptyText' | transloco"
        />
      }
      @for (g of list; track g.key) {
        <section class="section" [attr.aria-labelledby]="'tpl-' + g.key">
          <h2 [id]="'tpl-' + g.key">{{ g.title }}</h2>
          <div
            class="table-wrap"
            tabindex="0"
            role="region"
            [attr.aria-labelledby]="'tpl-' + g.key"
          >
            <table class="plain">
              <caption class="visually-hidden">
                {{
                  'audits.checklists.versionsOf' | transloco: { title: g.title }
                }}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{{ 'audits.checklists.version' | transloco }}</th>
                  <th scope="col">{{ 'audits.checklists.items' | transloco }}</th>
                  <th scope="col">{{ 'audits.checklists.created' | transloco }}</th>
                  <th scope="col">{{ 'audits.status' | transloco }}</th>
                </tr>
              </thead>
              <tbody>
                @for (v of g.versions; track v.id) {
                  <tr>
                    <td>
                      <a [routerLink]="v.id">{{
                        'audits.checklists.versionName'
                          | transloco: { title: v.title, version: v.version }
                      }}</a>
                    </td>
                    <td>{{ v.itemCount }}</td>
                    <td>
                      {{ v.createdAt | varnDateTime: 'date' }}
                      @if (v.createdBy) {
                        <div class="muted">{{ v.createdBy.name }}</div>
                      }
                    </td>
                    <td>
                      @if (v.current) {
                        <varn-badge tone="success">{{
                          'audits.checklists.current' | transloco
                        }}</varn-badge>
                      } @else {
                        <varn-badge>{{ 'audits.checklists.older' | transloco }}</varn-badge>
                      }
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
          @if (canCreate()) {
            <p class="after">
              <a mat-stroked-button routerLink="ny" [queryParams]="{ fran: g.versions[0].id }">
                {{ 'audits.checklists.newVersion' | transloco }}
              </a>
            </p>
          }
        </section>
      }
    }
  `,
  styles: `
    .after {
      margin: 12px 0 0;
    }
    table.plain {
      width: 100%;
      border-collapse: collapse;
    }
    table.plain th,
    table.plain td {
      text-align: left;
      vertical-align: top;
      padding: 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
  `,
})
export class ChecklistsPage {
  private readonly audits = inject(AuditsService);
  private readonly session = inject(SessionService);
  protected readonly canCreate = computed(() => this.session.can('create', 'ChecklistTemplate'));
  protected readonly groups = signal<ReturnType<typeof groupByTemplate> | null>(null);
  protected readonly loading = signal(true);
  protected readonly problem = signal<Problem | null>(null);

  constructor() {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.groups.set(groupByTemplate((await this.audits.checklists()).items));
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }
}
