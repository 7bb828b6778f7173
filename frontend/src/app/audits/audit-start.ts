import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { toProblem, type Problem } from '../core/errors/problem';
import type { ContractSummaryDto } from '../contracts/contracts.service';
import { ProblemAlert } from '../shared/ui/problem-alert';
import type { ChecklistSummary } from './audits.models';
import { AuditsService } from './audits.service';

/** The checklist version to preselect: the current version of the default template, else any current one. */
export function defaultChecklist(list: readonly ChecklistSummary[]): ChecklistSummary | null {
  const current = list.filter((c) => c.current && c.status === 'published');
  return (
    current.find((c) => c.key === 'avtalsuppfoljning-standard') ?? current[0] ?? list[0] ?? null
  );
}

/**
 * "Starta granskning": choose the checklist version (and, for an ad-hoc audit, the contract) and
 * start. A planned audit comes from the plan with its contract chosen.
 */
@Component({
  selector: 'varn-audit-start',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslocoPipe,
    ProblemAlert,
  ],
  template: `
    <form
      class="start"
      (submit)="$event.preventDefault(); start()"
      [attr.aria-labelledby]="headingId"
    >
      <h2 [id]="headingId" class="start-heading">
        {{
          (contractId() ? 'audits.start.headingFor' : 'audits.start.headingAdhoc')
            | transloco: { title: contractTitle() }
        }}
      </h2>
      @if (!contractId()) {
        <div class="row">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'audits.start.searchContract' | transloco }}</mat-label>
            <input
              matInput
              type="search"
              maxlength="100"
              autocomplete="off"
              data-testid="start-contract-search"
              (input)="search($any($event.target).value)"
            />
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="wide">
            <mat-label>{{ 'audits.start.contract' | transloco }}</mat-label>
            <mat-select
              [value]="chosenContract()"
              (selectionChange)="chosenContract.set($event.value)"
              [required]="true"
              data-testid="start-contract"
            >
              @for (c of contracts(); track c.id) {
                <mat-option [value]="c.id">
                  {{ c.title }} – {{ c.supplierName }} ({{
                    'audits.classShort' | transloco: { cls: c.followUpClass }
                  }})
                </mat-option>
              }
            </mat-select>
            <mat-hint>{{
              'audits.start.contractHint' | transloco: { count: contracts().length }
            }}</mat-hint>
          </mat-form-field>
        </div>
      }
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="wide">
        <mat-label>{{ 'audits.start.checklist' | transloco }}</mat-label>
        <mat-select
          [value]="checklistId()"
          (selectionChange)="checklistId.set($event.value)"
          [required]="true"
          data-testid="start-checklist"
        >
          @for (c of checklists(); track c.id) {
            <mat-option [value]="c.id">
              {{
                'audits.checklists.versionName' | transloco: { title: c.title, version: c.version }
              }}
              @if (c.current) {
                ({{ 'audits.checklists.current' | transloco }})
              }
            </mat-option>
          }
        </mat-select>
        <mat-hint>{{ 'audits.start.checklistHint' | transloco }}</mat-hint>
      </mat-form-field>
      <varn-problem-alert [problem]="problem()" />
      <div class="row">
        <button mat-flat-button type="submit" [disabled]="busy() || !ready()">
          {{ 'audits.start.submit' | transloco }}
        </button>
        <button mat-button type="button" (click)="cancelled.emit()">
          {{ 'audits.cancel' | transloco }}
        </button>
      </div>
    </form>
  `,
  styles: `
    .start {
      display: grid;
      gap: 12px;
      padding: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      background: var(--mat-sys-surface-container-low);
      margin-bottom: 16px;
    }
    .start-heading {
      font: var(--mat-sys-title-medium);
      margin: 0;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: flex-start;
    }
    .wide {
      flex: 1 1 320px;
      max-width: 640px;
    }
  `,
})
export class AuditStart {
  private readonly audits = inject(AuditsService);
  private readonly router = inject(Router);
  private static seq = 0;

  /** The contract of a planned audit; empty for an ad-hoc audit chosen here. */
  readonly contractId = input<string | null>(null);
  readonly contractTitle = input<string>('');
  readonly kind = input<'planerad' | 'adhoc'>('planerad');
  readonly cancelled = output();

  protected readonly headingId = `audit-start-${++AuditStart.seq}`;
  protected readonly checklists = signal<ChecklistSummary[]>([]);
  protected readonly checklistId = signal<string | null>(null);
  protected readonly contracts = signal<ContractSummaryDto[]>([]);
  protected readonly chosenContract = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly ready = computed(
    () => !!this.checklistId() && !!(this.contractId() ?? this.chosenContract()),
  );
  private timer: ReturnType<typeof setTimeout> | undefined;
  private requestNo = 0;

  constructor() {
    void this.loadChecklists();
    void this.fetchContracts('');
  }

  private async loadChecklists(): Promise<void> {
    try {
      const { items } = await this.audits.checklists();
      const usable = items.filter((c) => c.status === 'published' && c.current);
      this.checklists.set(usable);
      this.checklistId.set(defaultChecklist(usable)?.id ?? null);
    } catch (error) {
      this.problem.set(toProblem(error));
    }
  }

  protected search(q: string): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.fetchContracts(q.trim()), 250);
  }

  private async fetchContracts(q: string): Promise<void> {
    if (this.contractId()) return;
    const no = ++this.requestNo;
    try {
      const page = await this.audits.searchContracts(q);
      if (no !== this.requestNo) return;
      this.contracts.set(page.items);
      if (page.items.length === 1 && q) this.chosenContract.set(page.items[0].id);
    } catch (error) {
      if (no === this.requestNo) this.problem.set(toProblem(error));
    }
  }

  protected async start(): Promise<void> {
    const contractId = this.contractId() ?? this.chosenContract();
    const checklistId = this.checklistId();
    if (!contractId || !checklistId || this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      const audit = await this.audits.start({
        contractId,
        checklistId,
        kind: this.contractId() ? this.kind() : 'adhoc',
      });
      await this.router.navigate(['/uppfoljning/granskningar', audit.id]);
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.busy.set(false);
    }
  }
}
