import { HttpClient } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { safeReturnUrl } from '../core/auth/guards';
import { SessionService } from '../core/auth/session.service';
import { toProblem, type Problem } from '../core/errors/problem';
import { applyServerErrors, serverError } from '../core/forms/server-errors';
import { I18n } from '../core/i18n/i18n.service';
import { Alert } from '../shared/ui/alert';
import { focusFirstInvalid } from '../shared/ui/focus-invalid';
import { ProblemAlert } from '../shared/ui/problem-alert';

/** Which ways of signing in are on (GET /api/auth/methods). */
interface AuthMethods {
  local: boolean;
  oidc: boolean;
}

/** The error codes the single sign-on callback sends back here (`?fel=`), each translated. */
const SSO_ERRORS = new Set([
  'oidc_disabled',
  'oidc_unavailable',
  'oidc_state',
  'oidc_cancelled',
  'oidc_idp_error',
  'oidc_invalid',
  'oidc_no_role',
  'account_disabled',
  'oidc_account_conflict',
]);

const NOTICES = new Map<string | undefined, 'loggedOut' | 'expired'>([
  ['utloggad', 'loggedOut'],
  ['avslutad', 'expired'],
]);

@Component({
  selector: 'varn-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    RouterLink,
    TranslocoPipe,
    Alert,
    ProblemAlert,
  ],
  templateUrl: './login.page.html',
  styleUrl: './login.page.scss',
})
export class LoginPage {
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly http = inject(HttpClient);

  /** Where to go after signing in (query parameter, bound by the router). */
  readonly returnUrl = input<string>();
  /** Why this page was loaded: `utloggad` (signed out) or `avslutad` (the session ended). */
  readonly anledning = input<string>();
  /** Why single sign-on did not sign the user in: an error code from the server's callback. */
  readonly fel = input<string>();

  /**
   * The ways of signing in. Until the server has answered (or if it cannot), the password form
   * is shown: it is what works on every installation, and the server refuses it when it is off.
   */
  protected readonly methods = signal<AuthMethods>({ local: true, oidc: false });
  /** The line under the heading names the ways in that this installation offers. */
  protected readonly intro = computed(() => {
    const { local, oidc } = this.methods();
    if (!oidc) return 'login.intro';
    return local ? 'login.sso.introBoth' : 'login.sso.introOnly';
  });
  /** The translation key of the single sign-on error, or null. */
  protected readonly ssoError = computed(() => {
    const code = this.fel();
    if (!code) return null;
    return `login.sso.errors.${SSO_ERRORS.has(code) ? code : 'unknown'}`;
  });
  /** Starts single sign-on: a full page navigation to the server, which redirects to the IdP. */
  protected readonly ssoHref = computed(() => {
    const returnUrl = safeReturnUrl(this.returnUrl());
    return returnUrl === '/'
      ? '/api/auth/oidc/start'
      : `/api/auth/oidc/start?returnUrl=${encodeURIComponent(returnUrl)}`;
  });

  constructor() {
    this.http.get<AuthMethods>('/api/auth/methods').subscribe({
      next: (m) => this.methods.set({ local: m.local, oidc: m.oidc }),
      error: () => undefined,
    });
  }

  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly extraMessages = signal<string[]>([]);
  protected readonly notice = computed(() => NOTICES.get(this.anledning()) ?? null);

  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', [Validators.required, Validators.maxLength(100)]],
    password: ['', [Validators.required, Validators.maxLength(200)]],
  });
  protected readonly serverError = serverError;

  protected async submit(): Promise<void> {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    try {
      await this.session.login(this.form.getRawValue());
      await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
    } catch (error) {
      const problem = toProblem(error);
      this.extraMessages.set(applyServerErrors(this.form, problem, this.i18n));
      this.problem.set(problem);
    } finally {
      this.busy.set(false);
    }
  }
}
