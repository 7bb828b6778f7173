import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { toProblem, type Problem } from '../core/errors/problem';
import { Notifier } from '../core/notify/notifier.service';
import { Alert } from '../shared/ui/alert';
import { Badge } from '../shared/ui/badge';
import { DateTimePipe } from '../shared/ui/date-time.pipe';
import { focusFirstInvalid } from '../shared/ui/focus-invalid';
import { LabelPipe } from '../shared/ui/label.pipe';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { STATUS_TONE } from './identity-requests-list.page';
import type { IdentityDecision, IdentityRequestDetail } from './identity-requests.models';
import { IdentityRequestsService } from './identity-requests.service';

/** One identity request: the handler's motivation, the identity, and the custodian's decision. */
@Component({
  selector: 'varn-identity-request-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    TranslocoPipe,
    Alert,
    Badge,
    DateTimePipe,
    LabelPipe,
    PageHeader,
    ProblemAlert,
  ],
  template: `
    <a mat-button routerLink="/identitetsbegaran" class="back">
      <mat-icon svgIcon="arrow_back" />
      {{ 'identityRequests.back' | transloco }}
    </a>
    @if (loading() && !request()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
    }
    <varn-problem-alert [problem]="loadProblem()" />

    @if (request(); as r) {
      <varn-page-header
        [heading]="'identityRequests.detailHeading' | transloco: { reference: r.caseReference }"
        [lead]="'identityRequests.detailLead' | transloco"
      />
      <p>
        <varn-badge [tone]="tone[r.status]">{{
          'identityRequests.status.' + r.status | transloco
        }}</varn-badge>
      </p>

      <section class="section" aria-labelledby="request-heading">
        <h2 id="request-heading">{{ 'identityRequests.requestHeading' | transloco }}</h2>
        <dl class="facts">
          <dt>{{ 'identityRequests.fields.caseReference' | transloco }}</dt>
          <dd>{{ r.caseReference }}</dd>
          <dt>{{ 'identityRequests.fields.kind' | transloco }}</dt>
          <dd>
            {{ r.track | varnLabel: 'taxonomy.tracks' }} –
            {{ r.category | varnLabel: 'taxonomy.categories' }}
          </dd>
          <dt>{{ 'identityRequests.fields.unit' | transloco }}</dt>
          <dd>{{ r.unitName }}</dd>
          <dt>{{ 'identityRequests.fields.requestedBy' | transloco }}</dt>
          <dd>{{ r.requestedByName ?? '–' }}</dd>
          <dt>{{ 'identityRequests.fields.createdAt' | transloco }}</dt>
          <dd>{{ r.createdAt | varnDateTime }}</dd>
          <dt>{{ 'identityRequests.fields.motivation' | transloco }}</dt>
          <dd class="prose">{{ r.motivation }}</dd>
        </dl>
      </section>

      <section class="section" aria-labelledby="reporter-heading">
        <h2 id="reporter-heading">
          <mat-icon svgIcon="key" aria-hidden="true" />
          {{ 'identityRequests.identityHeading' | transloco }}
        </h2>
        @if (r.identity; as id) {
          <dl class="facts">
            <dt>{{ 'identityRequests.identity.name' | transloco }}</dt>
            <dd>{{ id.displayName }}</dd>
            <dt>{{ 'identityRequests.identity.username' | transloco }}</dt>
            <dd>{{ id.username }}</dd>
            <dt>{{ 'identityRequests.identity.email' | transloco }}</dt>
            <dd>{{ id.email ?? '–' }}</dd>
            <dt>{{ 'identityRequests.identity.unit' | transloco }}</dt>
            <dd>{{ id.unitName ?? '–' }}</dd>
          </dl>
        } @else {
          <p>{{ 'identityRequests.identity.none' | transloco }}</p>
        }
        <p class="muted">{{ 'identityRequests.identity.logged' | transloco }}</p>
      </section>

      <section class="section" aria-labelledby="decision-heading">
        <h2 id="decision-heading">{{ 'identityRequests.decisionHeading' | transloco }}</h2>
        @if (r.status === 'pending') {
          <form id="decision-form" [formGroup]="form" (ngSubmit)="decide()" novalidate>
            <p class="muted">{{ 'identityRequests.decisionLead' | transloco }}</p>
            <varn-problem-alert [problem]="problem()" />
            <mat-radio-group
              formControlName="decision"
              class="choices"
              [attr.aria-label]="'identityRequests.decision' | transloco"
              required
            >
              <mat-radio-button value="approved">{{
                'identityRequests.approve' | transloco
              }}</mat-radio-button>
              <mat-radio-button value="refused">{{
                'identityRequests.refuse' | transloco
              }}</mat-radio-button>
            </mat-radio-group>
            @if (form.controls.decision.touched && form.controls.decision.hasError('required')) {
              <varn-alert kind="error">{{
                'identityRequests.chooseDecision' | transloco
              }}</varn-alert>
            }
            <mat-form-field appearance="outline" class="wide" subscriptSizing="dynamic">
              <mat-label>{{ 'identityRequests.motivation' | transloco }}</mat-label>
              <textarea
                matInput
                formControlName="motivation"
                rows="4"
                maxlength="2000"
                required
              ></textarea>
              <mat-hint>{{ 'identityRequests.motivationHint' | transloco }}</mat-hint>
              @if (form.controls.motivation.hasError('required')) {
                <mat-error>{{ 'validation.required' | transloco }}</mat-error>
              }
            </mat-form-field>
            @if (busy()) {
              <mat-progress-bar
                mode="indeterminate"
                [attr.aria-label]="'common.saving' | transloco"
              />
            }
            <div class="actions">
              <button mat-flat-button type="submit" [disabled]="busy()">
                {{ 'identityRequests.submit' | transloco }}
              </button>
            </div>
          </form>
        } @else {
          <dl class="facts">
            <dt>{{ 'identityRequests.fields.status' | transloco }}</dt>
            <dd>{{ 'identityRequests.status.' + r.status | transloco }}</dd>
            <dt>{{ 'identityRequests.fields.decidedBy' | transloco }}</dt>
            <dd>{{ r.decidedByName ?? '–' }}</dd>
            <dt>{{ 'identityRequests.fields.decidedAt' | transloco }}</dt>
            <dd>{{ r.decidedAt | varnDateTime }}</dd>
            <dt>{{ 'identityRequests.fields.decisionMotivation' | transloco }}</dt>
            <dd class="prose">{{ r.decisionMotivation ?? '–' }}</dd>
          </dl>
        }
      </section>
    }
  `,
  styles: `
    mat-form-field {
      margin-bottom: 12px;
    }
    h2 {
      margin-top: 0;
      display: flex;
      align-items: center;
      gap: 8px;
    }
    .prose {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .choices {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 24px;
      margin: 0 0 12px;
    }
    .wide {
      width: 100%;
      max-width: 640px;
      display: block;
    }
  `,
})
export class IdentityRequestPage {
  private readonly requests = inject(IdentityRequestsService);
  private readonly notifier = inject(Notifier);
  private readonly fb = inject(NonNullableFormBuilder);

  /** Route parameter. */
  readonly id = input.required<string>();

  protected readonly tone = STATUS_TONE;
  protected readonly request = signal<IdentityRequestDetail | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadProblem = signal<Problem | null>(null);
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly form = this.fb.group({
    decision: this.fb.control<IdentityDecision | ''>('', Validators.required),
    motivation: ['', [Validators.required, Validators.maxLength(2000)]],
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
  }

  private async load(id: string): Promise<void> {
    this.loading.set(true);
    this.loadProblem.set(null);
    try {
      this.request.set(await this.requests.get(id));
    } catch (error) {
      this.request.set(null);
      this.loadProblem.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected async decide(): Promise<void> {
    const r = this.request();
    if (!r || this.busy()) return;
    const v = this.form.getRawValue();
    if (!v.motivation.trim()) this.form.controls.motivation.setValue('');
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      const el = document.getElementById('decision-form');
      if (el) focusFirstInvalid(el);
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    try {
      await this.requests.decide(r.id, {
        decision: v.decision as IdentityDecision,
        motivation: v.motivation.trim(),
      });
      this.notifier.success(`identityRequests.done.${v.decision}`);
      await this.load(r.id);
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.busy.set(false);
    }
  }
}
