import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import type { RiskMatrixDto } from '../admin/risk-matrix/risk-matrix.service';
import { SessionService } from '../core/auth/session.service';
import { hasCode } from '../core/errors/problem';
import { Notifier } from '../core/notify/notifier.service';
import { Alert } from '../shared/ui/alert';
import {
  CASE_CATEGORIES,
  IRREGULARITY_KINDS,
  TRACKS,
  type CaseCategory,
  type CaseDetail,
  type CaseStatus,
  type HandlerOption,
  type IrregularityKind,
  type Track,
  type UpdateCaseRequest,
} from './cases.models';
import { CasesService } from './cases.service';
import { CaseProblem, Work } from './case-work';

/** The classification form's value: '' = not chosen; numbers as strings for the selects. */
export interface ClassificationValue {
  track: Track;
  category: CaseCategory;
  irregularityKind: IrregularityKind | '';
  likelihood: string;
  consequence: string;
  assigneeId: string;
  status: CaseStatus;
}

export function classificationOf(c: CaseDetail): ClassificationValue {
  return {
    track: c.track,
    category: c.category,
    irregularityKind: c.irregularityKind ?? '',
    likelihood: c.severity ? String(c.severity.likelihood) : '',
    consequence: c.severity ? String(c.severity.consequence) : '',
    assigneeId: c.assigneeId ?? '',
    status: c.status,
  };
}

/**
 * Only what changed, with the version the handler saw (the server answers 409 edit_conflict when
 * someone saved in between). Returns null when nothing changed.
 */
export function classificationChanges(
  c: CaseDetail,
  value: ClassificationValue,
): UpdateCaseRequest | null {
  const before = classificationOf(c);
  const request: UpdateCaseRequest = { version: c.version };
  if (value.track !== before.track) request.track = value.track;
  if (value.category !== before.category) request.category = value.category;
  const kind = value.category === 'valfardsbrott' ? value.irregularityKind || null : null;
  if (kind !== (c.irregularityKind ?? null)) request.irregularityKind = kind;
  if (
    value.likelihood &&
    value.consequence &&
    (value.likelihood !== before.likelihood || value.consequence !== before.consequence)
  )
    request.severity = {
      likelihood: Number(value.likelihood),
      consequence: Number(value.consequence),
    };
  if (value.assigneeId !== before.assigneeId) request.assigneeId = value.assigneeId || null;
  if (value.status !== before.status) request.status = value.status;
  return Object.keys(request).length > 1 ? request : null;
}

/** Classification: track, category, kind, severity on the risk matrix, assignee and status. */
@Component({
  selector: 'varn-case-classification',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoPipe,
    Alert,
    CaseProblem,
  ],
  template: `
    <section class="section" aria-labelledby="classification-heading">
      <h2 id="classification-heading">{{ 'cases.classification.heading' | transloco }}</h2>
      @if (!detail().severity) {
        <p class="muted">{{ 'cases.classification.untriaged' | transloco }}</p>
      }
      <form [formGroup]="form" (ngSubmit)="save()" novalidate>
        <varn-case-problem [problem]="work.problem()">
          @if (conflict()) {
            <button mat-stroked-button type="button" (click)="reload.emit()">
              {{ 'cases.classification.reload' | transloco }}
            </button>
          }
        </varn-case-problem>
        <div class="form-grid">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'cases.fields.track' | transloco }}</mat-label>
            <mat-select formControlName="track">
              @for (t of tracks; track t) {
                <mat-option [value]="t">{{ 'taxonomy.tracks.' + t | transloco }}</mat-option>
              }
            </mat-select>
            @if (trackChanged()) {
              <mat-hint>{{ 'cases.classification.trackHint' | transloco }}</mat-hint>
            }
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'cases.fields.category' | transloco }}</mat-label>
            <mat-select formControlName="category">
              @for (c of categories; track c) {
                <mat-option [value]="c">{{ 'taxonomy.categories.' + c | transloco }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          @if (isWelfare()) {
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>{{ 'cases.fields.irregularityKind' | transloco }}</mat-label>
              <mat-select formControlName="irregularityKind" required>
                @for (k of kinds; track k) {
                  <mat-option [value]="k">{{
                    'taxonomy.irregularityKinds.' + k | transloco
                  }}</mat-option>
                }
              </mat-select>
              @if (form.controls.irregularityKind.hasError('required')) {
                <mat-error>{{ 'validation.required' | transloco }}</mat-error>
              }
            </mat-form-field>
          }
        </div>

        <fieldset class="severity">
          <legend>{{ 'cases.classification.severity' | transloco }}</legend>
          @if (matrix(); as m) {
            <div class="form-grid">
              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                <mat-label>{{ 'cases.classification.likelihood' | transloco }}</mat-label>
                <mat-select formControlName="likelihood">
                  <mat-option value="">{{ 'cases.notAssessed' | transloco }}</mat-option>
                  @for (l of m.likelihood; track l.level) {
                    <mat-option [value]="'' + l.level">{{ l.level }} – {{ l.label }}</mat-option>
                  }
                </mat-select>
              </mat-form-field>
              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                <mat-label>{{ 'cases.classification.consequence' | transloco }}</mat-label>
                <mat-select formControlName="consequence">
                  <mat-option value="">{{ 'cases.notAssessed' | transloco }}</mat-option>
                  @for (l of m.consequence; track l.level) {
                    <mat-option [value]="'' + l.level">{{ l.level }} – {{ l.label }}</mat-option>
                  }
                </mat-select>
              </mat-form-field>
            </div>
            <p class="score" role="status">
              @if (cell(); as cell) {
                {{
                  'cases.classification.score'
                    | transloco
                      : {
                          score: cell.score,
                          band: cell.label,
                          likelihood: cell.likelihood,
                          consequence: cell.consequence,
                        }
                }}
                @if (cell.guidance) {
                  <br /><span class="muted">{{ cell.guidance }}</span>
                }
              } @else {
                {{ 'cases.classification.noScore' | transloco }}
              }
            </p>
            @if (
              detail().severity?.matrixVersion && detail().severity?.matrixVersion !== m.version
            ) {
              <p class="muted">
                {{
                  'cases.classification.oldMatrix'
                    | transloco: { version: detail().severity?.matrixVersion, current: m.version }
                }}
              </p>
            }
          } @else if (matrixProblem()) {
            <varn-alert kind="warning">{{
              'cases.classification.matrixMissing' | transloco
            }}</varn-alert>
          } @else {
            <mat-progress-bar
              mode="indeterminate"
              [attr.aria-label]="'common.loading' | transloco"
            />
          }
        </fieldset>

        <div class="form-grid">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'cases.fields.assignee' | transloco }}</mat-label>
            <mat-select formControlName="assigneeId">
              <mat-option value="">{{ 'cases.unassigned' | transloco }}</mat-option>
              @for (h of assigneeOptions(); track h.id) {
                <mat-option [value]="h.id">
                  {{ h.displayName }}
                  @if (h.id === myId()) {
                    ({{ 'cases.classification.me' | transloco }})
                  }
                </mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'cases.fields.status' | transloco }}</mat-label>
            <mat-select formControlName="status">
              <mat-option [value]="detail().status">
                {{ 'taxonomy.statuses.' + detail().status | transloco }}
                ({{ 'cases.classification.current' | transloco }})
              </mat-option>
              @for (s of nextStatuses(); track s) {
                <mat-option [value]="s">{{ 'taxonomy.statuses.' + s | transloco }}</mat-option>
              }
            </mat-select>
            <mat-hint>{{ 'cases.classification.statusHint' | transloco }}</mat-hint>
          </mat-form-field>
        </div>

        @if (work.busy()) {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.saving' | transloco" />
        }
        <div class="actions form-actions">
          <button mat-flat-button type="submit" [disabled]="work.busy() || !canUpdate()">
            {{ 'cases.classification.save' | transloco }}
          </button>
          @if (unchanged()) {
            <span class="muted" role="status">{{ 'cases.nothingChanged' | transloco }}</span>
          }
        </div>
      </form>
    </section>
  `,
  styles: `
    mat-form-field {
      margin-bottom: 12px;
    }
    h2 {
      margin-top: 0;
    }
    fieldset.severity {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      padding: 8px 16px 4px;
      margin: 0 0 16px;
    }
    legend {
      padding: 0 4px;
      font: var(--mat-sys-title-small);
    }
    .score {
      margin: 0 0 8px;
    }
  `,
})
export class CaseClassification {
  private readonly cases = inject(CasesService);
  private readonly session = inject(SessionService);
  private readonly notifier = inject(Notifier);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly detail = input.required<CaseDetail>();
  readonly matrix = input<RiskMatrixDto | null>(null);
  readonly matrixProblem = input(false);
  readonly handlers = input<HandlerOption[]>([]);
  readonly canUpdate = input(true);
  /** A new state of the case after a save. */
  readonly saved = output<CaseDetail>();
  /** The page should load the newest version (after an edit conflict). */
  readonly reload = output<void>();

  protected readonly tracks = TRACKS;
  protected readonly categories = CASE_CATEGORIES;
  protected readonly kinds = IRREGULARITY_KINDS;
  protected readonly work = new Work();
  protected readonly unchanged = signal(false);
  protected readonly conflict = computed(() => hasCode(this.work.problem(), 'edit_conflict'));
  protected readonly myId = computed(() => this.session.user()?.id ?? null);

  protected readonly form = this.fb.group({
    track: this.fb.control<Track>('paverkan'),
    category: this.fb.control<CaseCategory>('trakasserier'),
    irregularityKind: this.fb.control<IrregularityKind | ''>(''),
    likelihood: '',
    consequence: '',
    assigneeId: '',
    status: this.fb.control<CaseStatus>('registrerad'),
  });
  private readonly value = toSignal(this.form.valueChanges, { initialValue: this.form.value });

  protected readonly isWelfare = computed(() => this.value().category === 'valfardsbrott');
  protected readonly trackChanged = computed(() => this.value().track !== this.detail().track);
  protected readonly nextStatuses = computed(() =>
    this.detail().allowedStatuses.filter((s) => s !== this.detail().status && s !== 'avslutad'),
  );
  protected readonly assigneeOptions = computed(() => {
    const list = [...this.handlers()];
    const c = this.detail();
    if (c.assigneeId && !list.some((h) => h.id === c.assigneeId))
      list.unshift({ id: c.assigneeId, displayName: c.assigneeName ?? c.assigneeId });
    return list;
  });
  /** The matrix cell the chosen likelihood × consequence falls in, with its band's name. */
  protected readonly cell = computed(() => {
    const m = this.matrix();
    const v = this.value();
    if (!m || !v.likelihood || !v.consequence) return null;
    const likelihood = Number(v.likelihood);
    const consequence = Number(v.consequence);
    const cell = m.cells.find((c) => c.likelihood === likelihood && c.consequence === consequence);
    if (!cell) return null;
    const band = m.bands.find((b) => b.band === cell.band);
    return {
      likelihood,
      consequence,
      score: cell.score,
      label: band?.label ?? cell.band,
      guidance: band?.guidance ?? '',
    };
  });

  constructor() {
    effect(() => {
      const c = this.detail();
      untracked(() => {
        this.form.reset(classificationOf(c));
        this.unchanged.set(false);
      });
    });
    effect(() => {
      const welfare = this.isWelfare();
      untracked(() => {
        const control = this.form.controls.irregularityKind;
        control.setValidators(welfare ? [(c) => (c.value ? null : { required: true })] : []);
        control.updateValueAndValidity({ emitEvent: false });
      });
    });
  }

  protected async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const request = classificationChanges(this.detail(), this.form.getRawValue());
    this.unchanged.set(!request);
    if (!request) return;
    let updated: CaseDetail | null = null;
    const ok = await this.work.run(async () => {
      updated = await this.cases.update(this.detail().id, request);
    });
    if (ok && updated) {
      this.notifier.success('cases.classification.saved');
      this.saved.emit(updated);
    }
  }
}
