import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { OrgService } from '../admin/org/org.service';
import { ContractFollowUpPanel } from '../audits/contract-follow-up';
import { as } from '../core/auth/ability';
import { SessionService } from '../core/auth/session.service';
import { toProblem, type Problem } from '../core/errors/problem';
import { I18n } from '../core/i18n/i18n.service';
import { Notifier } from '../core/notify/notifier.service';
import { Alert } from '../shared/ui/alert';
import { Badge } from '../shared/ui/badge';
import { DateTimePipe } from '../shared/ui/date-time.pipe';
import { focusFirstInvalid } from '../shared/ui/focus-invalid';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import {
  ContractFields,
  applyContractErrors,
  contractForm,
  contractFormValue,
  contractRequest,
} from './contract-fields';
import { formatSek } from './contract-labels';
import {
  ContractsService,
  type ChainWarningDto,
  type ContractDetailDto,
} from './contracts.service';

/** One contract: facts, follow-up cadence, the subcontractor chain with its warnings, and edit. */
@Component({
  selector: 'varn-contract-detail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslocoPipe,
    Alert,
    Badge,
    ContractFields,
    ContractFollowUpPanel,
    DateTimePipe,
    PageHeader,
    ProblemAlert,
  ],
  templateUrl: './contract-detail.page.html',
  styles: `
    .grid {
      display: grid;
      gap: 0 24px;
      grid-template-columns: repeat(auto-fit, minmax(360px, 1fr));
      align-items: start;
    }
    .pre {
      white-space: pre-line;
    }
    .nowrap {
      white-space: nowrap;
    }
    table.chain {
      width: 100%;
      border-collapse: collapse;
    }
    table.chain th,
    table.chain td {
      text-align: left;
      padding: 6px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
  `,
})
export class ContractDetailPage {
  /** Route parameter. */
  readonly id = input.required<string>();

  private readonly contracts = inject(ContractsService);
  private readonly session = inject(SessionService);
  private readonly org = inject(OrgService);
  private readonly i18n = inject(I18n);
  private readonly notifier = inject(Notifier);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly contract = signal<ContractDetailDto | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadProblem = signal<Problem | null>(null);
  protected readonly editing = signal(false);
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly extraMessages = signal<string[]>([]);
  protected readonly form = contractForm(this.fb);

  /** The row check needs the unit's path; the organisation tree (public) has it. */
  protected readonly canUpdate = computed(() => {
    const c = this.contract();
    const path = c && this.org.byId().get(c.unitId)?.path;
    return (
      !!c &&
      !!path &&
      this.session.can('update', as('Contract', { id: c.id, unitId: c.unitId, unitPath: path }))
    );
  });

  constructor() {
    void this.org.ensureLoaded();
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
  }

  private async load(id: string): Promise<void> {
    this.loading.set(true);
    this.loadProblem.set(null);
    try {
      this.contract.set(await this.contracts.get(id));
    } catch (error) {
      this.loadProblem.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected sek(value: number): string {
    return formatSek(value, this.i18n.lang());
  }

  protected warningText(w: ChainWarningDto): string {
    return this.i18n.t(`contracts.chainWarnings.${w.code}`, {
      max: w.maxTiers ?? 0,
      deepest: w.deepestTier ?? 0,
      count: w.subcontractorIds?.length ?? 0,
      tiers: (w.missingTiers ?? []).join(', '),
    });
  }

  protected startEdit(): void {
    const c = this.contract();
    if (!c) return;
    contractFormValue(this.fb, this.form, c);
    this.problem.set(null);
    this.extraMessages.set([]);
    this.editing.set(true);
    setTimeout(() =>
      this.host.nativeElement.querySelector<HTMLElement>('#contract-edit-form input')?.focus(),
    );
  }

  protected cancelEdit(): void {
    this.editing.set(false);
  }

  protected async save(): Promise<void> {
    const c = this.contract();
    if (!c || this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    this.extraMessages.set([]);
    try {
      const updated = await this.contracts.update(c.id, contractRequest(this.form));
      this.contract.set(updated);
      this.editing.set(false);
      this.notifier.success('contracts.saved');
    } catch (error) {
      const problem = toProblem(error);
      this.extraMessages.set(applyContractErrors(this.form, problem, this.i18n));
      this.problem.set(problem);
      setTimeout(() => focusFirstInvalid(this.host.nativeElement));
    } finally {
      this.busy.set(false);
    }
  }
}
