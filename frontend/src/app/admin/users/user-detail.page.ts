import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import {
  ROLES,
  type RoleAssignmentDto,
  type UpdateUserRequest,
  type UserDetailDto,
} from '../../core/api/models';
import { as } from '../../core/auth/ability';
import { SessionService } from '../../core/auth/session.service';
import { problemMessage } from '../../core/errors/error-messages';
import { toProblem, type Problem } from '../../core/errors/problem';
import { applyServerErrors, serverError } from '../../core/forms/server-errors';
import { I18n } from '../../core/i18n/i18n.service';
import { Notifier } from '../../core/notify/notifier.service';
import { Badge } from '../../shared/ui/badge';
import { Confirmer } from '../../shared/ui/confirm-dialog';
import { DateTimePipe } from '../../shared/ui/date-time.pipe';
import { focusFirstInvalid } from '../../shared/ui/focus-invalid';
import { PageHeader } from '../../shared/ui/page-header';
import { ProblemAlert } from '../../shared/ui/problem-alert';
import { OrgService } from '../org/org.service';
import { TempPasswordDialog, type TempPasswordData } from './temp-password.dialog';
import { UsersService } from './users.service';

/**
 * One person: details, edit, roles, temporary password, unlock, second-factor reset and
 * (in)activation.
 */
@Component({
  selector: 'varn-user-detail-page',
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
    Badge,
    DateTimePipe,
    PageHeader,
    ProblemAlert,
  ],
  templateUrl: './user-detail.page.html',
  styleUrl: './user-detail.page.scss',
})
export class UserDetailPage {
  private readonly users = inject(UsersService);
  protected readonly org = inject(OrgService);
  private readonly session = inject(SessionService);
  private readonly dialog = inject(MatDialog);
  private readonly confirmer = inject(Confirmer);
  private readonly notifier = inject(Notifier);
  private readonly i18n = inject(I18n);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly fb = inject(NonNullableFormBuilder);

  /** Route parameter. */
  readonly id = input.required<string>();

  protected readonly user = signal<UserDetailDto | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadProblem = signal<Problem | null>(null);
  protected readonly working = signal(false);
  protected readonly serverError = serverError;
  protected readonly roles = ROLES;

  protected readonly canUpdate = computed(() => {
    const user = this.user();
    return !!user && this.session.can('update', as('User', this.withPath(user, user.unitId)));
  });

  /** Administrators over the person's unit may reset their second factor, never their own. */
  protected readonly canResetSecondFactor = computed(() => {
    const user = this.user();
    return (
      !!user?.secondFactorEnrolled &&
      this.session.can(
        'delete',
        as('SecondFactor', {
          userId: user.id,
          unitPath: this.withPath(user, user.unitId).unitPath,
        }),
      )
    );
  });

  /** Units the person's home unit may be moved to. */
  protected readonly homeUnits = computed(() => {
    const user = this.user();
    if (!user) return [];
    return this.org
      .options()
      .filter(
        (o) =>
          o.id === user.unitId ||
          (o.active &&
            this.session.can('update', as('User', { ...user, unitId: o.id, unitPath: o.path }))),
      );
  });

  /** Units in which the current user may give this person a role. */
  protected readonly grantUnits = computed(() => {
    const user = this.user();
    if (!user) return [];
    return this.org
      .options()
      .filter(
        (o) =>
          o.active &&
          this.session.can(
            'create',
            as('RoleAssignment', { userId: user.id, unitId: o.id, unitPath: o.path }),
          ),
      );
  });

  /**
   * The row with the path of its unit (`unitPath`), which the rules' scope conditions check.
   * Without the unit in the loaded tree the path is missing and the check denies.
   */
  private withPath<T extends object>(row: T, unitId: string): T & { unitPath?: string } {
    return { ...row, unitPath: this.org.byId().get(unitId)?.path };
  }

  protected canRevoke(assignment: RoleAssignmentDto): boolean {
    const user = this.user();
    return (
      !!user &&
      this.session.can(
        'delete',
        as(
          'RoleAssignment',
          this.withPath(
            { id: assignment.id, userId: user.id, unitId: assignment.unitId },
            assignment.unitId,
          ),
        ),
      )
    );
  }

  // Edit form
  protected readonly editForm = this.fb.group({
    displayName: ['', [Validators.required, Validators.maxLength(200)]],
    email: ['', [Validators.email, Validators.maxLength(254)]],
    unitId: ['', [Validators.required]],
  });
  protected readonly editBusy = signal(false);
  protected readonly editProblem = signal<Problem | null>(null);
  protected readonly editExtra = signal<string[]>([]);

  // Grant role form
  protected readonly roleForm = this.fb.group({
    role: ['', [Validators.required]],
    unitId: ['', [Validators.required]],
  });
  protected readonly roleBusy = signal(false);
  protected readonly roleProblem = signal<Problem | null>(null);
  protected readonly roleExtra = signal<string[]>([]);

  constructor() {
    void this.org.ensureLoaded();
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
  }

  private async load(id: string): Promise<void> {
    this.loading.set(true);
    this.loadProblem.set(null);
    try {
      this.setUser(await this.users.get(id));
    } catch (error) {
      this.user.set(null);
      this.loadProblem.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  private setUser(user: UserDetailDto): void {
    this.user.set(user);
    this.editForm.reset({
      displayName: user.displayName,
      email: user.email ?? '',
      unitId: user.unitId,
    });
  }

  private async reload(): Promise<void> {
    const user = this.user();
    if (user) this.setUser(await this.users.get(user.id));
  }

  protected async saveDetails(): Promise<void> {
    const user = this.user();
    if (!user || this.editBusy()) return;
    if (this.editForm.invalid) {
      this.editForm.markAllAsTouched();
      focusFirstInvalid(
        this.host.nativeElement.querySelector('#user-edit-form') ?? this.host.nativeElement,
      );
      return;
    }
    const value = this.editForm.getRawValue();
    const email = value.email.trim() || null;
    const changes: UpdateUserRequest = {
      ...(value.displayName.trim() !== user.displayName
        ? { displayName: value.displayName.trim() }
        : {}),
      ...(email !== user.email ? { email } : {}),
      ...(value.unitId !== user.unitId ? { unitId: value.unitId } : {}),
    };
    if (!Object.keys(changes).length) {
      this.notifier.success('users.nothingChanged');
      return;
    }
    this.editBusy.set(true);
    this.editProblem.set(null);
    try {
      this.setUser(await this.users.update(user.id, changes));
      this.notifier.success('users.saved');
    } catch (error) {
      const problem = toProblem(error);
      this.editExtra.set(applyServerErrors(this.editForm, problem, this.i18n));
      this.editProblem.set(problem);
    } finally {
      this.editBusy.set(false);
    }
  }

  protected async grantRole(): Promise<void> {
    const user = this.user();
    if (!user || this.roleBusy()) return;
    if (this.roleForm.invalid) {
      this.roleForm.markAllAsTouched();
      focusFirstInvalid(
        this.host.nativeElement.querySelector('#role-form') ?? this.host.nativeElement,
      );
      return;
    }
    const { role, unitId } = this.roleForm.getRawValue();
    const selectedRole = ROLES.find((r) => r === role);
    if (!selectedRole) return;
    this.roleBusy.set(true);
    this.roleProblem.set(null);
    try {
      await this.users.grantRole(user.id, { role: selectedRole, unitId });
      this.roleForm.reset({ role: '', unitId: '' });
      this.notifier.success('users.roleGranted', { role: this.i18n.t(`roles.${selectedRole}`) });
      await this.reload();
    } catch (error) {
      const problem = toProblem(error);
      this.roleExtra.set(applyServerErrors(this.roleForm, problem, this.i18n));
      this.roleProblem.set(problem);
    } finally {
      this.roleBusy.set(false);
    }
  }

  protected async revokeRole(assignment: RoleAssignmentDto): Promise<void> {
    const user = this.user();
    if (!user) return;
    const role = this.i18n.t(`roles.${assignment.role}`);
    const ok = await this.confirmer.ask({
      title: 'users.revokeRoleTitle',
      message: 'users.revokeRoleMessage',
      confirm: 'users.revokeRole',
      params: { role, unit: assignment.unitName, name: user.displayName },
      destructive: true,
    });
    if (!ok) return;
    await this.run(async () => {
      await this.users.revokeRole(user.id, assignment.id);
      this.notifier.success('users.roleRevoked', { role });
    });
  }

  protected async setTemporaryPassword(): Promise<void> {
    const user = this.user();
    if (!user) return;
    const ref = this.dialog.open<TempPasswordDialog, TempPasswordData, boolean>(
      TempPasswordDialog,
      { data: { user }, width: '520px' },
    );
    if (await firstValueFrom(ref.afterClosed())) {
      this.notifier.success('users.tempPasswordSet', { name: user.displayName });
      await this.reload().catch(() => undefined);
    }
  }

  protected async unlock(): Promise<void> {
    const user = this.user();
    if (!user) return;
    await this.run(async () => {
      await this.users.unlock(user.id);
      this.notifier.success('users.unlocked', { name: user.displayName });
    });
  }

  protected async resetSecondFactor(): Promise<void> {
    const user = this.user();
    if (!user) return;
    const ok = await this.confirmer.ask({
      title: 'users.resetSecondFactorTitle',
      message: 'users.resetSecondFactorMessage',
      confirm: 'users.resetSecondFactor',
      params: { name: user.displayName },
      destructive: true,
    });
    if (!ok) return;
    await this.run(async () => {
      await this.users.resetSecondFactor(user.id);
      this.notifier.success('users.secondFactorReset', { name: user.displayName });
    });
  }

  protected async setActive(active: boolean): Promise<void> {
    const user = this.user();
    if (!user) return;
    if (!active) {
      const ok = await this.confirmer.ask({
        title: 'users.deactivateTitle',
        message: 'users.deactivateMessage',
        confirm: 'users.deactivate',
        params: { name: user.displayName },
        destructive: true,
      });
      if (!ok) return;
    }
    await this.run(async () => {
      this.setUser(await this.users.update(user.id, { active }));
      this.notifier.success(active ? 'users.activated' : 'users.deactivated', {
        name: user.displayName,
      });
    });
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.working.set(true);
    try {
      await work();
      await this.reload();
    } catch (error) {
      this.notifier.error(problemMessage(toProblem(error), this.i18n));
    } finally {
      this.working.set(false);
    }
  }
}
