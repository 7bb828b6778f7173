import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe } from '@jsverse/transloco';
import { toProblem, type Problem } from '../core/errors/problem';
import { Notifier } from '../core/notify/notifier.service';
import { Badge } from '../shared/ui/badge';
import { EmptyState } from '../shared/ui/empty-state';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { actionTone, severityTone } from './audit-labels';
import { TEXT_MAX, type MyCorrectiveActionDto } from './audits.models';
import { AuditsService } from './audits.service';

/**
 * "Mina åtgärder": the corrective actions the user owns, also on findings they may not open,
 * with the supplier's response and "Markera som åtgärdad" (a controller then verifies).
 */
@Component({
  selector: 'varn-my-audit-actions',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    TranslocoPipe,
    Badge,
    EmptyState,
    ProblemAlert,
  ],
  template: `
    @if (items() === null && !problem()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
    }
    <varn-problem-alert [problem]="problem()" />
    @if (items(); as list) {
      <p role="status">{{ 'audits.myActions.count' | transloco: { count: list.length } }}</p>
      @if (!list.length) {
        <varn-empty-state
          icon="check_circle"
          [heading]="'audits.myActions.emptyHeading' | transloco"
          [text]="'audits.findings.emptyMine' | transloco"
        />
      }
      @for (a of list; track a.id) {
        <article class="card" [attr.aria-labelledby]="'my-' + a.id">
          <h2 class="title" [id]="'my-' + a.id">{{ a.title }}</h2>
          <p class="chips">
            <varn-badge [tone]="aTone(a)">{{
              'audits.actionStatuses.' + a.status | transloco
            }}</varn-badge>
            @if (a.overdue && a.status !== 'verifierad') {
              <varn-badge tone="danger">{{ 'audits.actions.overdue' | transloco }}</varn-badge>
            }
            <varn-badge [tone]="sTone(a.severity)">{{
              'audits.severities.' + a.severity | transloco
            }}</varn-badge>
          </p>
          <dl class="facts">
            <dt>{{ 'audits.contract' | transloco }}</dt>
            <dd>{{ a.contractTitle }} ({{ a.supplierName }})</dd>
            <dt>{{ 'audits.myActions.finding' | transloco }}</dt>
            <dd>{{ a.itemText }} – {{ a.findingDescription }}</dd>
            <dt>{{ 'audits.actions.dueDate' | transloco }}</dt>
            <dd>{{ a.dueDate }}</dd>
            @if (a.decision) {
              <dt>{{ 'audits.actions.decision' | transloco }}</dt>
              <dd>
                {{ 'audits.decisions.' + a.decision | transloco }}
                @if (a.decisionBy) {
                  – {{ a.decisionBy }}
                }
              </dd>
            }
            @if (a.supplierResponse) {
              <dt>{{ 'audits.actions.supplierResponse' | transloco }}</dt>
              <dd class="pre">{{ a.supplierResponse }}</dd>
            }
          </dl>
          @if (a.status === 'oppen' && a.canUpdate) {
            <div class="row">
              <mat-form-field appearance="outline" subscriptSizing="dynamic" class="grow">
                <mat-label>{{ 'audits.actions.supplierResponse' | transloco }}</mat-label>
                <textarea
                  matInput
                  rows="2"
                  [maxLength]="textMax"
                  [value]="responses()[a.id] ?? a.supplierResponse ?? ''"
                  (input)="setResponse(a.id, $any($event.target).value)"
                ></textarea>
              </mat-form-field>
              <button mat-flat-button type="button" [disabled]="busy()" (click)="markDone(a)">
                {{ 'audits.actions.markDone' | transloco }}
              </button>
            </div>
          } @else if (a.status === 'atgardad') {
            <p class="muted">{{ 'audits.myActions.waiting' | transloco }}</p>
          }
        </article>
      }
    }
  `,
  styles: `
    .card {
      padding: 12px 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      margin-bottom: 12px;
    }
    .title {
      font: var(--mat-sys-title-small);
      margin: 0 0 4px;
    }
    .chips,
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
    dl.facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 2px 12px;
    }
    dl.facts dt {
      font-weight: 600;
    }
    dl.facts dd {
      margin: 0;
    }
    .pre {
      white-space: pre-wrap;
    }
    .grow {
      flex: 1 1 280px;
    }
  `,
})
export class MyAuditActions {
  private readonly audits = inject(AuditsService);
  private readonly notifier = inject(Notifier);
  protected readonly textMax = TEXT_MAX;
  protected readonly items = signal<MyCorrectiveActionDto[] | null>(null);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly busy = signal(false);
  protected readonly responses = signal<Partial<Record<string, string>>>({});

  constructor() {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.items.set((await this.audits.myActions()).items);
    } catch (error) {
      this.problem.set(toProblem(error));
    }
  }

  protected setResponse(id: string, value: string): void {
    this.responses.update((r) => ({ ...r, [id]: value }));
  }

  protected async markDone(a: MyCorrectiveActionDto): Promise<void> {
    if (this.busy()) return;
    const supplierResponse = (this.responses()[a.id] ?? a.supplierResponse ?? '').trim();
    this.busy.set(true);
    this.problem.set(null);
    try {
      const updated = await this.audits.updateAction(a.id, {
        status: 'atgardad',
        ...(supplierResponse ? { supplierResponse } : {}),
        version: a.version,
      });
      this.items.update(
        (list) => list?.map((x) => (x.id === a.id ? { ...x, ...updated } : x)) ?? null,
      );
      this.notifier.success('audits.actions.doneSaved');
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.busy.set(false);
    }
  }

  protected aTone(a: MyCorrectiveActionDto): ReturnType<typeof actionTone> {
    return actionTone(a.status);
  }
  protected readonly sTone = severityTone;
}
