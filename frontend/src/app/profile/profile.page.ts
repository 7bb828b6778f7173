import {
  ChangeDetectionStrategy,
  Component,
  OnInit,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ChangePasswordRequest, SessionDto } from '../core/api/models';
import { SessionService } from '../core/auth/session.service';
import { problemMessage } from '../core/errors/error-messages';
import type { Problem } from '../core/errors/problem';
import { I18n } from '../core/i18n/i18n.service';
import { Notifier } from '../core/notify/notifier.service';
import { Badge } from '../shared/ui/badge';
import { Confirmer } from '../shared/ui/confirm-dialog';
import { DateTimePipe } from '../shared/ui/date-time.pipe';
import { LabelPipe } from '../shared/ui/label.pipe';
import { PageHeader } from '../shared/ui/page-header';
import { PasswordChangeForm } from '../shared/ui/password-change-form';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { ProfileService } from './profile.service';
import { SecondFactorSection } from './second-factor-section';

/** Min sida: who I am, my roles, my password and my sessions. */
@Component({
  selector: 'varn-profile-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslocoPipe,
    Badge,
    DateTimePipe,
    LabelPipe,
    PageHeader,
    PasswordChangeForm,
    ProblemAlert,
    SecondFactorSection,
  ],
  templateUrl: './profile.page.html',
  styleUrl: './profile.page.scss',
})
export class ProfilePage implements OnInit {
  private readonly session = inject(SessionService);
  private readonly i18n = inject(I18n);
  private readonly notifier = inject(Notifier);
  private readonly confirmer = inject(Confirmer);
  protected readonly profile = inject(ProfileService);
  protected readonly user = this.session.user;

  private readonly passwordForm = viewChild(PasswordChangeForm);
  protected readonly passwordBusy = signal(false);
  protected readonly passwordProblem = signal<Problem | null>(null);
  protected readonly revoking = signal<string | null>(null);

  ngOnInit(): void {
    void this.profile.loadSessions();
  }

  protected async changePassword(request: ChangePasswordRequest): Promise<void> {
    this.passwordBusy.set(true);
    this.passwordProblem.set(null);
    const problem = await this.profile.changePassword(request);
    this.passwordBusy.set(false);
    if (problem) {
      this.passwordProblem.set(problem);
      return;
    }
    this.passwordForm()?.reset();
    this.notifier.success('password.changed');
    void this.profile.loadSessions();
  }

  protected async revoke(session: SessionDto): Promise<void> {
    const confirmed = await this.confirmer.ask({
      title: 'profile.revokeTitle',
      message: 'profile.revokeMessage',
      confirm: 'profile.revoke',
    });
    if (!confirmed) return;
    this.revoking.set(session.id);
    const problem = await this.profile.revokeSession(session.id);
    this.revoking.set(null);
    if (problem) {
      this.notifier.error(problemMessage(problem, this.i18n));
    } else {
      this.notifier.success('profile.revoked');
    }
  }
}
