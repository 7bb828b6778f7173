import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { OrgService } from '../admin/org/org.service';
import { API, queryParams } from '../core/api/api';
import type { components } from '../core/api/api-types';
import { toProblem, type Problem } from '../core/errors/problem';
import { Notifier } from '../core/notify/notifier.service';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import {
  RISK_CATEGORIES,
  RISK_SUBJECT_KINDS,
  RISK_TREATMENTS,
  UNIT_PROCESSES,
} from './risk-labels';
import { RiskPeoplePicker } from './risk-people-picker';
import { RiskScorePicker } from './risk-score-picker';
import { RisksService, type CreateRiskRequest, type RiskMatrixDto } from './risks.service';

type Option = { id: string; name: string };

/** A new risk on a contract, a supplier or a unit's process, assessed on the current matrix. */
@Component({
  selector: 'varn-risk-create-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoPipe,
    PageHeader,
    ProblemAlert,
    RiskPeoplePicker,
    RiskScorePicker,
  ],
  templateUrl: './risk-create.page.html',
  styles: `
    .grid-2 {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(260px, 1fr));
      gap: 12px;
    }
    .full {
      width: 100%;
    }
    fieldset.kinds {
      border: 0;
      padding: 0;
      margin: 0 0 12px;
      display: flex;
      gap: 16px;
      flex-wrap: wrap;
    }
    fieldset.kinds legend {
      font: var(--mat-sys-title-small);
      margin-bottom: 4px;
    }
    .actions {
      display: flex;
      gap: 8px;
      margin-top: 12px;
    }
  `,
})
export class RiskCreatePage {
  private readonly risks = inject(RisksService);
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  protected readonly org = inject(OrgService);

  protected readonly kinds = RISK_SUBJECT_KINDS;
  protected readonly categories = RISK_CATEGORIES;
  protected readonly processes = UNIT_PROCESSES;
  protected readonly treatments = RISK_TREATMENTS;

  protected readonly matrix = signal<RiskMatrixDto | null>(null);
  protected readonly kind = signal<(typeof RISK_SUBJECT_KINDS)[number]>('avtal');
  protected readonly contracts = signal<Option[]>([]);
  protected readonly suppliers = signal<Option[]>([]);
  protected readonly contractId = signal<string | null>(null);
  protected readonly supplierId = signal<string | null>(null);
  protected readonly processCode = signal<string | null>(null);
  protected readonly unitId = signal<string | null>(null);
  protected readonly category = signal<string | null>(null);
  protected readonly title = signal('');
  protected readonly description = signal('');
  protected readonly ownerId = signal<string | null>(null);
  protected readonly inhL = signal<number | null>(null);
  protected readonly inhC = signal<number | null>(null);
  protected readonly resL = signal<number | null>(null);
  protected readonly resC = signal<number | null>(null);
  protected readonly controls = signal('');
  protected readonly treatment = signal('');
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);

  protected readonly ready = computed(
    () =>
      !!this.category() &&
      !!this.title().trim() &&
      !!this.description().trim() &&
      !!this.ownerId() &&
      (this.kind() === 'avtal'
        ? !!this.contractId()
        : !!this.unitId() &&
          (this.kind() === 'leverantor' ? !!this.supplierId() : !!this.processCode())),
  );

  constructor() {
    void this.org.ensureLoaded();
    void this.init(inject(ActivatedRoute).snapshot.queryParamMap);
  }

  private async init(params: { get(k: string): string | null }): Promise<void> {
    const contractId = params.get('contractId');
    if (contractId) this.contractId.set(contractId);
    try {
      this.matrix.set(await firstValueFrom(this.http.get<RiskMatrixDto>(`${API}/risk-matrix`)));
    } catch (error) {
      this.problem.set(toProblem(error));
    }
    await Promise.all([this.searchContracts(''), this.searchSuppliers('')]);
  }

  protected async searchContracts(q: string): Promise<void> {
    try {
      const page = await firstValueFrom(
        this.http.get<components['schemas']['ContractPageDto']>(`${API}/contracts`, {
          params: queryParams({ q: q.trim(), limit: 50 }),
        }),
      );
      this.contracts.set(
        page.items.map((c) => ({ id: c.id, name: `${c.title} (${c.diarienummer})` })),
      );
    } catch (error) {
      this.problem.set(toProblem(error));
    }
  }

  protected async searchSuppliers(q: string): Promise<void> {
    try {
      const page = await firstValueFrom(
        this.http.get<components['schemas']['SupplierPageDto']>(`${API}/suppliers`, {
          params: queryParams({ q: q.trim(), limit: 50 }),
        }),
      );
      this.suppliers.set(
        page.items.map((s) => ({ id: s.id, name: `${s.name} (${s.organisationNumber})` })),
      );
    } catch (error) {
      this.problem.set(toProblem(error));
    }
  }

  protected async save(): Promise<void> {
    if (this.busy() || !this.ready()) return;
    this.busy.set(true);
    this.problem.set(null);
    const kind = this.kind();
    const body: CreateRiskRequest = {
      subjectKind: kind,
      ...(kind === 'avtal' ? { contractId: this.contractId()! } : { unitId: this.unitId()! }),
      ...(kind === 'leverantor' ? { supplierId: this.supplierId()! } : {}),
      ...(kind === 'process'
        ? { processCode: this.processCode() as CreateRiskRequest['processCode'] }
        : {}),
      category: this.category() as CreateRiskRequest['category'],
      title: this.title(),
      description: this.description(),
      ownerId: this.ownerId()!,
      inherentLikelihood: this.inhL(),
      inherentConsequence: this.inhC(),
      residualLikelihood: this.resL(),
      residualConsequence: this.resC(),
      existingControls: this.controls().trim() || null,
      treatment: (this.treatment() || null) as CreateRiskRequest['treatment'],
    };
    try {
      const risk = await this.risks.create(body);
      this.notifier.success('risks.created', { title: risk.title });
      await this.router.navigate(['/risker', risk.id]);
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.busy.set(false);
    }
  }
}
