import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe } from '@jsverse/transloco';
import { Notifier } from '../core/notify/notifier.service';
import { Alert } from '../shared/ui/alert';
import { DateTimePipe } from '../shared/ui/date-time.pipe';
import type { CaseDetail, OwnIdentityRequest, ReporterIdentity } from './cases.models';
import { CasesService } from './cases.service';
import { CaseProblem, Work } from './case-work';

/**
 * Who reported: anonymous (nobody knows), identified (shown on request, each view logged) or
 * confidential (a custodian must approve a motivated request first).
 */
@Component({
  selector: 'varn-case-identity',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    TranslocoPipe,
    Alert,
    CaseProblem,
    DateTimePipe,
  ],
  template: `
    <section class="section" aria-labelledby="identity-heading">
      <h2 id="identity-heading">
        <mat-icon svgIcon="key" aria-hidden="true" />
        {{ 'cases.identity.heading' | transloco }}
      </h2>
      <p>
        <strong>{{ 'taxonomy.confidentiality.' + detail().confidentiality | transloco }}:</strong>
        {{ 'cases.identity.explain.' + detail().confidentiality | transloco }}
      </p>
      <varn-case-problem [problem]="work.problem()" />

      @switch (state()) {
        @case ('anonymous') {
          <p>{{ 'cases.identity.anonymous' | transloco }}</p>
        }
        @case ('hidden') {
          @if (canWrite()) {
            @if (!asking()) {
              <button mat-stroked-button type="button" (click)="asking.set(true)">
                {{ 'cases.identity.ask' | transloco }}
              </button>
            } @else {
              <form id="identity-request-form" [formGroup]="form" (ngSubmit)="ask()" novalidate>
                <p class="muted">{{ 'cases.identity.askLead' | transloco }}</p>
                <mat-form-field appearance="outline" class="wide" subscriptSizing="dynamic">
                  <mat-label>{{ 'cases.identity.motivation' | transloco }}</mat-label>
                  <textarea
                    matInput
                    [formControl]="motivation"
                    rows="4"
                    maxlength="2000"
                    required
                  ></textarea>
                  <mat-hint>{{ 'cases.identity.motivationHint' | transloco }}</mat-hint>
                  @if (motivation.hasError('required')) {
                    <mat-error>{{ 'validation.required' | transloco }}</mat-error>
                  }
                </mat-form-field>
                <div class="actions">
                  <button mat-flat-button type="submit" [disabled]="work.busy()">
                    {{ 'cases.identity.send' | transloco }}
                  </button>
                  <button mat-button type="button" (click)="asking.set(false)">
                    {{ 'common.cancel' | transloco }}
                  </button>
                </div>
              </form>
            }
          }
        }
        @case ('requested') {
          <varn-alert kind="info">
            <p>{{ 'cases.identity.pending' | transloco }}</p>
            @if (latest(); as r) {
              <p>
                {{ 'cases.identity.askedAt' | transloco: { date: (r.createdAt | varnDateTime) } }}
              </p>
            }
          </varn-alert>
        }
        @case ('refused') {
          <varn-alert kind="warning">
            <p>{{ 'cases.identity.refused' | transloco }}</p>
            @if (refusal(); as m) {
              <p class="prose">
                {{ 'cases.identity.refusedBecause' | transloco: { motivation: m } }}
              </p>
            }
            @if (latest(); as r) {
              @if (r.decidedAt) {
                <p>
                  {{
                    'cases.identity.decidedBy'
                      | transloco
                        : { name: r.decidedByName ?? '–', date: (r.decidedAt | varnDateTime) }
                  }}
                </p>
              }
            }
          </varn-alert>
        }
      }

      @if (state() === 'identified' || state() === 'approved') {
        @if (state() === 'approved') {
          <varn-alert kind="success">
            <p>{{ 'cases.identity.approved' | transloco }}</p>
            @if (latest(); as r) {
              @if (r.decidedAt) {
                <p>
                  {{
                    'cases.identity.decidedBy'
                      | transloco
                        : { name: r.decidedByName ?? '–', date: (r.decidedAt | varnDateTime) }
                  }}
                </p>
              }
            }
          </varn-alert>
        }
        @if (identity(); as id) {
          <dl class="facts identity" aria-live="polite">
            <dt>{{ 'cases.identity.name' | transloco }}</dt>
            <dd>{{ id.displayName }}</dd>
            <dt>{{ 'cases.identity.username' | transloco }}</dt>
            <dd>{{ id.username }}</dd>
            <dt>{{ 'cases.identity.email' | transloco }}</dt>
            <dd>{{ id.email ?? '–' }}</dd>
            <dt>{{ 'cases.identity.unit' | transloco }}</dt>
            <dd>{{ id.unitName ?? '–' }}</dd>
          </dl>
          <button mat-button type="button" (click)="identity.set(null)">
            <mat-icon svgIcon="visibility_off" />
            {{ 'cases.identity.hide' | transloco }}
          </button>
        } @else {
          <button mat-flat-button type="button" [disabled]="work.busy()" (click)="show()">
            <mat-icon svgIcon="visibility" />
            {{ 'cases.identity.show' | transloco }}
          </button>
        }
        <p class="muted">{{ 'cases.identity.logged' | transloco }}</p>
      }
      @if (work.busy()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
      }
    </section>
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
    .wide {
      width: 100%;
      max-width: 640px;
      display: block;
    }
    .identity {
      margin: 8px 0;
    }
    .prose {
      white-space: pre-wrap;
    }
  `,
})
export class CaseIdentity {
  private readonly cases = inject(CasesService);
  private readonly notifier = inject(Notifier);

  readonly detail = input.required<CaseDetail>();
  /** The handler's own requests for this case (newest first). */
  readonly requests = input<OwnIdentityRequest[]>([]);
  readonly canWrite = input(true);
  readonly changed = output<void>();

  protected readonly work = new Work();
  protected readonly asking = signal(false);
  protected readonly identity = signal<ReporterIdentity | null>(null);
  protected readonly motivation = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.maxLength(2000)],
  });
  protected readonly form = new FormGroup({ motivation: this.motivation });
  protected readonly state = computed(() => this.detail().identityState);
  protected readonly latest = computed(() => this.requests()[0] ?? null);
  protected readonly refusal = computed(() => {
    const r = this.latest();
    return r?.status === 'refused' ? r.decisionMotivation : null;
  });

  protected async show(): Promise<void> {
    await this.work.run(async () => this.identity.set(await this.cases.identity(this.detail().id)));
  }

  protected async ask(): Promise<void> {
    const motivation = this.motivation.value.trim();
    if (!motivation) {
      this.motivation.setValue('');
      this.motivation.markAsTouched();
      document.querySelector<HTMLElement>('#identity-request-form textarea')?.focus();
      return;
    }
    if (await this.work.run(() => this.cases.requestIdentity(this.detail().id, motivation))) {
      this.motivation.reset('');
      this.asking.set(false);
      this.notifier.success('cases.identity.sent');
      this.changed.emit();
    }
  }
}
