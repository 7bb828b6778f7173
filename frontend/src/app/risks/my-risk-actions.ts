import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { toProblem, type Problem } from '../core/errors/problem';
import { Notifier } from '../core/notify/notifier.service';
import { Badge } from '../shared/ui/badge';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { RISK_ACTION_STATUSES } from './risk-labels';
import { RisksService, type MyRiskActionDto } from './risks.service';

/**
 * The actions the signed-in person is responsible for — also on risks they cannot open — with
 * their status to update. Shown only when there are some.
 */
@Component({
  selector: 'varn-my-risk-actions',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatFormFieldModule, MatSelectModule, RouterLink, TranslocoPipe, Badge, ProblemAlert],
  template: `
    @if (actions().length) {
      <section class="section" aria-labelledby="my-actions-heading">
        <h2 id="my-actions-heading">{{ 'risks.myActions.heading' | transloco }}</h2>
        <varn-problem-alert [problem]="problem()" />
        <table class="plain">
          <caption class="visually-hidden">
            {{
              'risks.myActions.heading' | transloco
            }}
          </caption>
          <thead>
            <tr>
              <th scope="col">{{ 'risks.actions.title' | transloco }}</th>
              <th scope="col">{{ 'risks.myActions.risk' | transloco }}</th>
              <th scope="col">{{ 'risks.actions.due' | transloco }}</th>
              <th scope="col">{{ 'risks.actions.status' | transloco }}</th>
            </tr>
          </thead>
          <tbody>
            @for (a of actions(); track a.id) {
              <tr>
                <td>{{ a.title }}</td>
                <td>
                  @if (a.canReadRisk) {
                    <a [routerLink]="['/risker', a.riskId]">{{ a.riskTitle }}</a>
                  } @else {
                    {{ a.riskTitle }}
                  }
                </td>
                <td>
                  {{ a.dueDate }}
                  @if (a.overdue) {
                    <varn-badge tone="danger">{{ 'risks.overdue' | transloco }}</varn-badge>
                  }
                </td>
                <td>
                  @if (a.canUpdate) {
                    <mat-form-field appearance="outline" subscriptSizing="dynamic">
                      <mat-label>{{
                        'risks.actions.statusOf' | transloco: { title: a.title }
                      }}</mat-label>
                      <mat-select [value]="a.status" (selectionChange)="setStatus(a, $event.value)">
                        @for (s of statuses; track s) {
                          <mat-option [value]="s">{{
                            'risks.actionStatuses.' + s | transloco
                          }}</mat-option>
                        }
                      </mat-select>
                    </mat-form-field>
                  } @else {
                    {{ 'risks.actionStatuses.' + a.status | transloco }}
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </section>
    }
  `,
  styles: `
    table.plain {
      width: 100%;
      border-collapse: collapse;
    }
    table.plain th,
    table.plain td {
      text-align: left;
      vertical-align: top;
      padding: 6px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
  `,
})
export class MyRiskActions {
  private readonly risks = inject(RisksService);
  private readonly notifier = inject(Notifier);
  protected readonly statuses = RISK_ACTION_STATUSES;
  protected readonly actions = signal<MyRiskActionDto[]>([]);
  protected readonly problem = signal<Problem | null>(null);

  constructor() {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.actions.set(await this.risks.myActions());
    } catch (error) {
      this.problem.set(toProblem(error));
    }
  }

  protected async setStatus(a: MyRiskActionDto, status: MyRiskActionDto['status']): Promise<void> {
    this.problem.set(null);
    try {
      await this.risks.updateAction(a.riskId, a.id, { status });
      this.notifier.success('risks.actions.updated');
      await this.load();
    } catch (error) {
      this.problem.set(toProblem(error));
    }
  }
}
