import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  OnInit,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import {
  FormControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { safeReturnUrl } from '../core/auth/guards';
import { SessionService } from '../core/auth/session.service';
import { toProblem, type Problem } from '../core/errors/problem';
import { applyServerErrors } from '../core/forms/server-errors';
import { TotpCodeField } from './totp-code-field';
import { I18n } from '../core/i18n/i18n.service';
import { Alert } from '../shared/ui/alert';
import { focusFirstInvalid } from '../shared/ui/focus-invalid';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { TOTP_PATTERN } from './second-factor-code.page';
import { RecoveryCodes } from './recovery-codes';
import { cleanCode, SecondFactorApi, type EnrolmentDto } from './second-factor.service';

/**
 * Registering an authenticator app, for a role that requires a second factor: scan the QR code
 * (or type the key — the text alternative), confirm with the first code, then save the recovery
 * codes, which are shown only here.
 */
@Component({
  selector: 'varn-second-factor-enrol-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    TotpCodeField,
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    TranslocoPipe,
    Alert,
    PageHeader,
    ProblemAlert,
    RecoveryCodes,
  ],
  template: `
    <varn-page-header
      [heading]="'secondFactor.enrol.heading' | transloco"
      [lead]="'secondFactor.enrol.lead' | transloco"
    />
    @if (recoveryCodes(); as codes) {
      <section class="section" aria-labelledby="enrol-codes-heading">
        <h2 id="enrol-codes-heading" tabindex="-1">
          {{ 'secondFactor.enrol.codesHeading' | transloco }}
        </h2>
        <varn-alert kind="success">
          <p>{{ 'secondFactor.enrol.done' | transloco }}</p>
        </varn-alert>
        <p>{{ 'secondFactor.codes.explain' | transloco }}</p>
        <varn-recovery-codes [codes]="codes" [username]="username()" />
        <mat-checkbox class="saved" [formControl]="saved">
          {{ 'secondFactor.codes.saved' | transloco }}
        </mat-checkbox>
        @if (blocked()) {
          <varn-alert kind="warning">
            <p>{{ 'secondFactor.codes.saveFirst' | transloco }}</p>
          </varn-alert>
        }
        <p>
          <button mat-flat-button type="button" (click)="continue()">
            {{ 'secondFactor.enrol.continue' | transloco }}
          </button>
        </p>
      </section>
    } @else {
      <varn-problem-alert [problem]="loadProblem()" />
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
      }
      @if (enrolment(); as e) {
        <section class="section" aria-labelledby="enrol-scan-heading">
          <h2 id="enrol-scan-heading">{{ 'secondFactor.enrol.step1' | transloco }}</h2>
          <p>{{ 'secondFactor.enrol.apps' | transloco }}</p>
          <div class="scan">
            <img
              class="qr"
              [src]="e.qrDataUrl"
              width="220"
              height="220"
              [alt]="'secondFactor.enrol.qrAlt' | transloco"
            />
            <div>
              <p>{{ 'secondFactor.enrol.manual' | transloco }}</p>
              <p class="secret">
                <span class="visually-hidden">{{ 'secondFactor.enrol.keyLabel' | transloco }}</span>
                <code>{{ e.secret }}</code>
              </p>
              <dl class="facts">
                <dt>{{ 'secondFactor.enrol.account' | transloco }}</dt>
                <dd>{{ username() }}</dd>
                <dt>{{ 'secondFactor.enrol.type' | transloco }}</dt>
                <dd>{{ 'secondFactor.enrol.typeValue' | transloco }}</dd>
              </dl>
            </div>
          </div>
        </section>
        <section class="section" aria-labelledby="enrol-confirm-heading">
          <h2 id="enrol-confirm-heading">{{ 'secondFactor.enrol.step2' | transloco }}</h2>
          <form [formGroup]="form" (ngSubmit)="confirm()" novalidate class="form-stack narrow">
            <varn-problem-alert [problem]="problem()" [extraMessages]="extraMessages()" />
            <varn-totp-code-field [control]="form.controls.code" />
            @if (busy()) {
              <mat-progress-bar
                mode="indeterminate"
                [attr.aria-label]="'secondFactor.verify.checking' | transloco"
              />
            }
            <div>
              <button mat-flat-button type="submit" [disabled]="busy()">
                {{ 'secondFactor.enrol.confirm' | transloco }}
              </button>
            </div>
          </form>
        </section>
      }
      <p>
        <button mat-stroked-button type="button" (click)="signOut()">
          {{ 'secondFactor.signOut' | transloco }}
        </button>
      </p>
    }
  `,
  styles: `
    .scan {
      display: flex;
      flex-wrap: wrap;
      gap: 24px;
      align-items: flex-start;
    }
    .qr {
      background: #fff;
      border: 1px solid currentColor;
      border-radius: 4px;
    }
    .secret code {
      font-size: 1.15rem;
      letter-spacing: 0.08em;
      word-spacing: 0.3em;
    }
    .narrow {
      max-width: 34rem;
    }
    .saved {
      display: block;
      margin-block: 12px;
    }
  `,
})
export class SecondFactorEnrolPage implements OnInit {
  private readonly api = inject(SecondFactorApi);
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly returnUrl = input<string>();

  protected readonly username = computed(() => this.session.user()?.username ?? '');
  protected readonly loading = signal(true);
  protected readonly loadProblem = signal<Problem | null>(null);
  protected readonly enrolment = signal<EnrolmentDto | null>(null);
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly extraMessages = signal<string[]>([]);
  protected readonly recoveryCodes = signal<string[] | null>(null);
  protected readonly saved = new FormControl(false, { nonNullable: true });
  protected readonly blocked = signal(false);

  protected readonly form = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, Validators.pattern(TOTP_PATTERN)]],
  });

  ngOnInit(): void {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.enrolment.set(await this.api.startEnrolment());
    } catch (error) {
      this.loadProblem.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected async confirm(): Promise<void> {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    try {
      const { recoveryCodes } = await this.api.confirmEnrolment(
        cleanCode(this.form.getRawValue().code),
      );
      this.recoveryCodes.set(recoveryCodes);
      // the session is fully signed in now; the page stays until the codes are saved
      await this.session.reload();
      setTimeout(() =>
        this.host.nativeElement.querySelector<HTMLElement>('#enrol-codes-heading')?.focus(),
      );
    } catch (error) {
      const problem = toProblem(error);
      this.extraMessages.set(applyServerErrors(this.form, problem, this.i18n));
      this.problem.set(problem);
      focusFirstInvalid(this.host.nativeElement);
    } finally {
      this.busy.set(false);
    }
  }

  protected async continue(): Promise<void> {
    if (!this.saved.value) {
      this.blocked.set(true);
      this.host.nativeElement.querySelector<HTMLInputElement>('.saved input')?.focus();
      return;
    }
    await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
  }

  protected async signOut(): Promise<void> {
    await this.session.logout();
  }
}
