import { ChangeDetectionStrategy, Component, OnInit, computed, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { AuditEntryDto } from '../core/api/models';
import { SessionService } from '../core/auth/session.service';
import { provideAppDates } from '../core/i18n/date-adapter';
import { Alert } from '../shared/ui/alert';
import { Badge, type BadgeTone } from '../shared/ui/badge';
import { DateTimePipe } from '../shared/ui/date-time.pipe';
import { EmptyState } from '../shared/ui/empty-state';
import { LabelPipe } from '../shared/ui/label.pipe';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import {
  ACTION_GROUPS,
  OBJECT_TYPES,
  OUTCOMES,
  objectView,
  toAuditFilters,
  type AuditFilterForm,
  type ObjectView,
} from './audit-filters';
import { AuditService } from './audit.service';

const OUTCOME_TONE: Record<AuditEntryDto['outcome'], BadgeTone> = {
  success: 'success',
  failure: 'warning',
  denied: 'danger',
};

/** The audit log: filter, read newest first, load older entries, and verify the hash chain. */
@Component({
  selector: 'varn-audit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoPipe,
    Alert,
    Badge,
    DateTimePipe,
    EmptyState,
    LabelPipe,
    PageHeader,
    ProblemAlert,
  ],
  providers: [provideAppDates()],
  templateUrl: './audit.page.html',
  styleUrl: './audit.page.scss',
})
export class AuditPage implements OnInit {
  protected readonly audit = inject(AuditService);
  private readonly session = inject(SessionService);

  protected readonly actionGroups = ACTION_GROUPS;
  protected readonly objectTypes = OBJECT_TYPES;
  protected readonly outcomes = OUTCOMES;
  protected readonly dateFields = ['from', 'to'] as const;
  /** Which object pages the reader may open (the same checks as those pages' route guards). */
  private readonly linkAccess = computed(() => ({
    users: this.session.can('read', 'User'),
    organisation: this.session.can('update', 'OrgUnit') || this.session.can('create', 'OrgUnit'),
  }));
  protected readonly filtered = computed(() =>
    Object.values(this.audit.filters()).some((v) => v !== undefined),
  );

  private readonly empty: AuditFilterForm = {
    action: '',
    actor: '',
    objectType: '',
    outcome: '',
    from: null,
    to: null,
  };
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    action: this.empty.action,
    actor: this.empty.actor,
    objectType: this.empty.objectType,
    outcome: this.empty.outcome,
    from: this.fb.control<Date | null>(null),
    to: this.fb.control<Date | null>(null),
  });

  ngOnInit(): void {
    if (!this.audit.loaded()) void this.audit.search({});
  }

  protected search(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    void this.audit.search(toAuditFilters(this.form.getRawValue()));
  }

  protected clear(): void {
    this.form.reset({ ...this.empty });
    void this.audit.search({});
  }

  protected object(entry: AuditEntryDto): ObjectView {
    return objectView(entry, this.linkAccess());
  }

  protected tone(entry: AuditEntryDto): BadgeTone {
    return OUTCOME_TONE[entry.outcome];
  }

  protected detailEntries(entry: AuditEntryDto): { key: string; value: string }[] {
    return Object.entries(entry.details ?? {}).map(([key, value]) => ({
      key,
      value: typeof value === 'string' ? value : JSON.stringify(value),
    }));
  }
}
