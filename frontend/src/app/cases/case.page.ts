import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { RiskMatrixService, type RiskMatrixDto } from '../admin/risk-matrix/risk-matrix.service';
import { SessionService } from '../core/auth/session.service';
import { toProblem, type Problem } from '../core/errors/problem';
import { Alert } from '../shared/ui/alert';
import { Badge } from '../shared/ui/badge';
import { DateTimePipe } from '../shared/ui/date-time.pipe';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { CaseActions } from './case-actions';
import { CaseClassification } from './case-classification';
import { CaseClosing } from './case-closing';
import { CaseContent } from './case-content';
import { CaseExport } from './case-export';
import { CaseIdentity } from './case-identity';
import { CaseThread } from './case-thread';
import { CaseTimer } from './case-timers';
import type { CaseDetail, HandlerOption, OwnIdentityRequest } from './cases.models';
import { CasesService } from './cases.service';

/** One case: everything a handler does with it, from triage to closing. */
@Component({
  selector: 'varn-case-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslocoPipe,
    Alert,
    Badge,
    DateTimePipe,
    PageHeader,
    ProblemAlert,
    CaseActions,
    CaseClassification,
    CaseClosing,
    CaseContent,
    CaseExport,
    CaseIdentity,
    CaseThread,
    CaseTimer,
  ],
  templateUrl: './case.page.html',
  styleUrl: './case.page.scss',
})
export class CasePage {
  private readonly cases = inject(CasesService);
  private readonly matrices = inject(RiskMatrixService);
  private readonly session = inject(SessionService);

  /** Route parameter. */
  readonly id = input.required<string>();

  protected readonly detail = signal<CaseDetail | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadProblem = signal<Problem | null>(null);
  protected readonly matrix = signal<RiskMatrixDto | null>(null);
  protected readonly matrixProblem = signal(false);
  protected readonly handlers = signal<HandlerOption[]>([]);
  protected readonly requests = signal<OwnIdentityRequest[]>([]);
  /** The API is the real gate; this only hides forms a reader could not use. */
  protected readonly canWrite = computed(
    () => this.session.can('update', 'Case') && !this.detail()?.purgedAt,
  );

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => {
        this.detail.set(null);
        void this.load(id);
      });
    });
    void this.loadMatrix();
  }

  protected async reload(): Promise<void> {
    await this.load(this.id());
  }

  protected onSaved(updated: CaseDetail): void {
    this.detail.set(updated);
  }

  private async load(id: string): Promise<void> {
    this.loading.set(true);
    this.loadProblem.set(null);
    try {
      const detail = await this.cases.get(id);
      this.detail.set(detail);
      void this.loadExtras(detail);
    } catch (error) {
      this.detail.set(null);
      this.loadProblem.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  /** Assignee choices and the handler's identity requests; the page works without them. */
  private async loadExtras(detail: CaseDetail): Promise<void> {
    const [handlers, requests] = await Promise.allSettled([
      this.cases.handlers(detail.unitId),
      detail.confidentiality === 'confidential'
        ? this.cases.ownIdentityRequests(detail.id)
        : Promise.resolve([]),
    ]);
    if (handlers.status === 'fulfilled') this.handlers.set(handlers.value);
    if (requests.status === 'fulfilled') this.requests.set(requests.value);
  }

  private async loadMatrix(): Promise<void> {
    try {
      this.matrix.set(await this.matrices.current());
    } catch {
      this.matrixProblem.set(true);
    }
  }
}
