import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { NonNullableFormBuilder } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionService } from '../core/auth/session.service';
import { toProblem, type Problem } from '../core/errors/problem';
import { I18n } from '../core/i18n/i18n.service';
import { ReportsService } from '../reports/reports.service';
import { Badge } from '../shared/ui/badge';
import { DateTimePipe } from '../shared/ui/date-time.pipe';
import { ProblemAlert } from '../shared/ui/problem-alert';
import type { AuditDeclaration, AuditDetail } from './audits.models';
import { AuditsService } from './audits.service';
import {
  clearMarker,
  loadMarker,
  reportSentSince,
  saveMarker,
  writeInfluenceDraft,
  type InfluenceMarker,
} from './influence-draft';

/** Declaration status in words: valid until a date, expired, missing. */
export function declarationState(
  d: AuditDeclaration,
  today: string,
): 'valid' | 'expired' | 'missing' {
  if (!d.declarationValidUntil) return 'missing';
  return d.declarationValidUntil >= today ? 'valid' : 'expired';
}

/**
 * Item H28: the jäv declaration status of those doing the follow-up (status only, never the
 * declaration's content) and "Rapportera påverkansförsök", which opens the reporting form
 * prefilled; once the report is sent the audit records that a report was made (nothing more).
 */
@Component({
  selector: 'varn-influence-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, RouterLink, TranslocoPipe, Badge, DateTimePipe, ProblemAlert],
  template: `
    <div class="panel">
      @if (declarations(); as list) {
        <h4>{{ 'audits.influence.declarations' | transloco }}</h4>
        @if (!list.length) {
          <p class="muted">{{ 'audits.influence.noParticipants' | transloco }}</p>
        } @else {
          <ul class="decl">
            @for (d of list; track d.userId) {
              @let state = stateOf(d);
              <li>
                {{ d.name }} ({{ 'audits.signOff.roles.' + d.role | transloco }}):
                <varn-badge [tone]="state === 'valid' ? 'success' : 'danger'">
                  @if (state === 'valid') {
                    {{
                      'audits.influence.validUntil' | transloco: { date: d.declarationValidUntil }
                    }}
                  } @else {
                    {{ 'audits.influence.' + state | transloco }}
                  }
                </varn-badge>
                @if (d.declaredInterestInSupplier) {
                  <varn-badge tone="warning">{{
                    'audits.influence.interest' | transloco
                  }}</varn-badge>
                }
              </li>
            }
          </ul>
        }
      }
      <h4>{{ 'audits.influence.heading' | transloco }}</h4>
      @if (recorded().length) {
        <div role="status">
          <ul class="decl">
            @for (r of recorded(); track r.recordedAt) {
              <li>
                {{
                  'audits.influence.recorded' | transloco: { time: (r.recordedAt | varnDateTime) }
                }}
              </li>
            }
          </ul>
        </div>
      }
      @if (pending(); as m) {
        <p role="status">{{ 'audits.influence.pending' | transloco }}</p>
        <div class="buttons">
          <a mat-stroked-button routerLink="/rapportera">{{
            'audits.influence.openForm' | transloco
          }}</a>
          <button mat-button type="button" (click)="forget()">
            {{ 'audits.influence.forget' | transloco }}
          </button>
        </div>
      } @else if (canReport()) {
        <p class="muted">{{ 'audits.influence.lead' | transloco }}</p>
        <button mat-stroked-button type="button" (click)="report()">
          {{ 'audits.influence.report' | transloco }}
        </button>
      }
      <varn-problem-alert [problem]="problem()" />
    </div>
  `,
  styles: `
    .panel {
      width: 100%;
      padding: 8px 12px;
      border-left: 3px solid var(--mat-sys-primary);
      margin-top: 8px;
    }
    h4 {
      margin: 8px 0 4px;
    }
    .decl {
      margin: 0;
      padding-left: 20px;
      display: grid;
      gap: 4px;
    }
    .buttons {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
  `,
})
export class InfluencePanel {
  private readonly audits = inject(AuditsService);
  private readonly reports = inject(ReportsService);
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly i18n = inject(I18n);

  readonly audit = input.required<AuditDetail>();
  readonly itemId = input.required<string>();
  readonly today = input.required<string>();
  readonly recordedChange = output();

  /** null: not loaded, or the declarations route does not exist (yet): show nothing. */
  protected readonly declarations = signal<AuditDeclaration[] | null>(null);
  protected readonly pending = signal<InfluenceMarker | null>(null);
  protected readonly recorded = signal<{ itemId: string; recordedAt: string }[]>([]);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly canReport = signal(false);
  private loadedFor = '';

  constructor() {
    effect(() => {
      const audit = this.audit();
      untracked(() => {
        this.recorded.set((audit.influenceReports ?? []).filter((r) => r.itemId === this.itemId()));
        this.canReport.set(this.session.can('create', 'Report'));
        if (this.loadedFor === audit.id) return;
        this.loadedFor = audit.id;
        void this.loadDeclarations(audit.id);
        void this.checkPending(audit.id);
      });
    });
  }

  private async loadDeclarations(id: string): Promise<void> {
    try {
      this.declarations.set((await this.audits.declarations(id)).items);
    } catch (error) {
      // 404 until the declarations module exists, 403 for readers without access: show nothing
      if (!(error instanceof HttpErrorResponse && [403, 404].includes(error.status))) {
        this.problem.set(toProblem(error));
      }
    }
  }

  /** Back from the report form: when a report was sent since, record it on the audit. */
  private async checkPending(id: string): Promise<void> {
    const marker = loadMarker(id);
    this.pending.set(marker);
    if (!marker) return;
    try {
      const { items } = await this.reports.mine();
      if (!reportSentSince(marker, items)) return;
      const { recordedAt } = await this.audits.recordInfluenceReport(id, marker.itemId);
      clearMarker(id);
      this.pending.set(null);
      this.recorded.update((r) => [...r, { itemId: marker.itemId, recordedAt }]);
      this.recordedChange.emit();
    } catch (error) {
      this.problem.set(toProblem(error));
    }
  }

  protected async report(): Promise<void> {
    const audit = this.audit();
    const user = this.session.user();
    if (!user) return;
    writeInfluenceDraft(this.fb, {
      userId: user.id,
      unitId: audit.unitId,
      description: this.i18n.t('audits.influence.draftText', {
        supplier: audit.supplierName,
        contract: audit.contractTitle,
        item: this.itemId(),
      }),
    });
    saveMarker({ auditId: audit.id, itemId: this.itemId(), since: new Date().toISOString() });
    await this.router.navigate(['/rapportera']);
  }

  protected forget(): void {
    clearMarker(this.audit().id);
    this.pending.set(null);
  }

  protected stateOf(d: AuditDeclaration): 'valid' | 'expired' | 'missing' {
    return declarationState(d, this.today());
  }
}
