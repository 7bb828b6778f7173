import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ChangePasswordRequest } from '../core/api/models';
import { SessionService } from '../core/auth/session.service';
import { toProblem, type Problem } from '../core/errors/problem';
import { Notifier } from '../core/notify/notifier.service';
import { ProfileService } from '../profile/profile.service';
import { Alert } from '../shared/ui/alert';
import { PageHeader } from '../shared/ui/page-header';
import { PasswordChangeForm } from '../shared/ui/password-change-form';

/** Forced change of a temporary password before anything else can be done. */
@Component({
  selector: 'varn-change-password-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, Alert, PageHeader, PasswordChangeForm],
  template: `
    <varn-page-header [heading]="'forcedPassword.heading' | transloco" />
    <varn-alert kind="info">
      <p>{{ 'forcedPassword.why' | transloco }}</p>
    </varn-alert>
    <section class="section" aria-labelledby="forced-password-heading">
      <h2 id="forced-password-heading">{{ 'password.heading' | transloco }}</h2>
      <varn-password-change-form
        [busy]="busy()"
        [problem]="problem()"
        [username]="session.user()?.username ?? null"
        currentLabel="forcedPassword.current"
        (submitted)="change($event)"
      />
    </section>
  `,
})
export class ChangePasswordPage {
  protected readonly session = inject(SessionService);
  private readonly profile = inject(ProfileService);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);

  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);

  protected async change(request: ChangePasswordRequest): Promise<void> {
    this.busy.set(true);
    this.problem.set(null);
    try {
      const problem = await this.profile.changePassword(request);
      if (problem) {
        this.problem.set(problem);
        return;
      }
      await this.session.reload();
      this.notifier.success('password.changed');
      await this.router.navigateByUrl('/');
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.busy.set(false);
    }
  }
}
