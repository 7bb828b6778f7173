import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  OnInit,
  computed,
  inject,
  signal,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { as } from '../../core/auth/ability';
import { SessionService } from '../../core/auth/session.service';
import { toProblem, type Problem } from '../../core/errors/problem';
import { applyServerErrors, serverError } from '../../core/forms/server-errors';
import { I18n } from '../../core/i18n/i18n.service';
import { Notifier } from '../../core/notify/notifier.service';
import { focusFirstInvalid } from '../../shared/ui/focus-invalid';
import { PageHeader } from '../../shared/ui/page-header';
import {
  PASSWORD_MAX,
  PASSWORD_MIN,
  newPasswordValidator,
  type PasswordContext,
} from '../../shared/ui/password-rules';
import { ProblemAlert } from '../../shared/ui/problem-alert';
import { OrgService } from '../org/org.service';
import { UsersService } from './users.service';

/** A new account: who, where, and a first password that must be changed at first sign-in. */
@Component({
  selector: 'varn-user-create-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
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
  ],
  templateUrl: './user-create.page.html',
})
export class UserCreatePage implements OnInit {
  protected readonly org = inject(OrgService);
  private readonly users = inject(UsersService);
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  private readonly notifier = inject(Notifier);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly min = PASSWORD_MIN;
  protected readonly max = PASSWORD_MAX;
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly extraMessages = signal<string[]>([]);
  protected readonly showPassword = signal(false);
  protected readonly serverError = serverError;

  /** Active units where the user may create accounts. */
  protected readonly units = computed(() =>
    this.org
      .options()
      .filter(
        (o) =>
          o.active && this.session.can('create', as('User', { unitId: o.id, unitPath: o.path })),
      ),
  );

  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', [Validators.required, Validators.pattern(/^[a-z0-9][a-z0-9._-]{1,63}$/)]],
    displayName: ['', [Validators.required, Validators.maxLength(200)]],
    email: ['', [Validators.email, Validators.maxLength(254)]],
    unitId: ['', [Validators.required]],
    initialPassword: [
      '',
      [
        Validators.required,
        newPasswordValidator((): PasswordContext => ({
          username: this.form.controls.username.value,
        })),
      ],
    ],
  });

  ngOnInit(): void {
    void this.org.ensureLoaded();
    this.form.controls.username.valueChanges.subscribe(() =>
      this.form.controls.initialPassword.updateValueAndValidity({ emitEvent: false }),
    );
  }

  protected passwordReason(): string | null {
    const reason: unknown = this.form.controls.initialPassword.getError('password');
    return typeof reason === 'string' ? reason : null;
  }

  protected async save(): Promise<void> {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    const value = this.form.getRawValue();
    this.busy.set(true);
    this.problem.set(null);
    try {
      const user = await this.users.create({
        username: value.username.trim(),
        displayName: value.displayName.trim(),
        ...(value.email.trim() ? { email: value.email.trim() } : {}),
        unitId: value.unitId,
        initialPassword: value.initialPassword,
      });
      this.notifier.success('users.created', { name: user.displayName });
      await this.router.navigate(['/admin/anvandare', user.id]);
    } catch (error) {
      const problem = toProblem(error);
      this.extraMessages.set(applyServerErrors(this.form, problem, this.i18n));
      this.problem.set(problem);
    } finally {
      this.busy.set(false);
    }
  }
}
