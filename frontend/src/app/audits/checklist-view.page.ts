import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionService } from '../core/auth/session.service';
import { toProblem, type Problem } from '../core/errors/problem';
import { DateTimePipe } from '../shared/ui/date-time.pipe';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import type { ChecklistDetail } from './audits.models';
import { AuditsService } from './audits.service';

/** `/uppfoljning/checklistor/:id`: one checklist version, every item with guidance and evidence. */
@Component({
  selector: 'varn-checklist-view-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatProgressBarModule,
    TranslocoPipe,
    DateTimePipe,
    PageHeader,
    ProblemAlert,
  ],
  template: `
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
    }
    <varn-problem-alert [problem]="problem()" />
    @if (checklist(); as c) {
      <varn-page-header
        [heading]="
          'audits.checklists.versionName' | transloco: { title: c.title, version: c.version }
        "
        [lead]="
          'audits.checklists.viewLead' | transloco: { date: (c.createdAt | varnDateTime: 'date') }
        "
      >
        <a mat-stroked-button routerLink="/uppfoljning/checklistor">{{
          'audits.checklists.back' | transloco
        }}</a>
        @if (canCreate()) {
          <a
            mat-flat-button
            routerLink="/uppfoljning/checklistor/ny"
            [queryParams]="{ fran: c.id }"
          >
            {{ 'audits.checklists.newVersion' | transloco }}
          </a>
        }
      </varn-page-header>
      @for (s of c.sections; track s.code) {
        <section class="section" [attr.aria-labelledby]="'sec-' + s.code">
          <h2 [id]="'sec-' + s.code">{{ s.code }}. {{ s.title }}</h2>
          <ol class="items">
            @for (i of s.items; track i.id) {
              <li [value]="i.number">
                <p class="text">{{ i.text }}</p>
                <dl>
                  <dt>{{ 'audits.checklists.guidance' | transloco }}</dt>
                  <dd>{{ i.guidance }}</dd>
                  <dt>{{ 'audits.checklists.evidence' | transloco }}</dt>
                  <dd>{{ i.evidence }}</dd>
                </dl>
              </li>
            }
          </ol>
        </section>
      }
    }
  `,
  styles: `
    .items {
      display: grid;
      gap: 12px;
      padding-left: 28px;
    }
    .text {
      font-weight: 600;
      margin: 0 0 4px;
    }
    dl {
      margin: 0;
    }
    dt {
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0 0 4px;
    }
  `,
})
export class ChecklistViewPage {
  readonly id = input.required<string>();
  private readonly audits = inject(AuditsService);
  private readonly session = inject(SessionService);
  protected readonly canCreate = computed(() => this.session.can('create', 'ChecklistTemplate'));
  protected readonly checklist = signal<ChecklistDetail | null>(null);
  protected readonly loading = signal(false);
  protected readonly problem = signal<Problem | null>(null);

  constructor() {
    effect(() => void this.load(this.id()));
  }

  private async load(id: string): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      this.checklist.set(await this.audits.checklist(id));
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }
}
