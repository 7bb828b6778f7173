import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import type { UnitDto } from '../../core/api/models';
import { as } from '../../core/auth/ability';
import { SessionService } from '../../core/auth/session.service';
import { toProblem, type Problem } from '../../core/errors/problem';
import { ProblemAlert } from '../../shared/ui/problem-alert';
import { subtreeIds } from '../../shared/util/units';
import { OrgService } from './org.service';

export interface MoveUnitData {
  unit: UnitDto;
}

/** Moves a unit (with everything under it) to a new parent. */
@Component({
  selector: 'varn-move-unit-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    MatProgressBarModule,
    TranslocoPipe,
    ProblemAlert,
  ],
  template: `
    <h2 mat-dialog-title>{{ 'org.moveTitle' | transloco: { name: data.unit.name } }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        <p>{{ 'org.moveHelp' | transloco }}</p>
        <varn-problem-alert [problem]="problem()" />
        @if (candidates().length) {
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="full">
            <mat-label>{{ 'org.newParent' | transloco }}</mat-label>
            <mat-select formControlName="parentId" required>
              @for (option of candidates(); track option.id) {
                <mat-option [value]="option.id" [style.padding-left.px]="16 + option.level * 20">
                  {{ option.name }}
                </mat-option>
              }
            </mat-select>
            @if (form.controls.parentId.hasError('required')) {
              <mat-error>{{ 'validation.required' | transloco }}</mat-error>
            }
          </mat-form-field>
        } @else {
          <p>{{ 'org.noMoveTargets' | transloco }}</p>
        }
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.saving' | transloco" />
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | transloco }}</button>
        <button mat-flat-button type="submit" [disabled]="busy() || !candidates().length">
          {{ 'org.move' | transloco }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .full {
      width: 100%;
    }
  `,
})
export class MoveUnitDialog {
  protected readonly data = inject<MoveUnitData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<MoveUnitDialog, UnitDto>>(MatDialogRef);
  private readonly org = inject(OrgService);
  private readonly session = inject(SessionService);

  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);

  /**
   * Units that may take this unit: active (the server refuses an inactive parent), not itself or
   * below it, not its parent, and allowed.
   */
  protected readonly candidates = computed(() => {
    const excluded = subtreeIds(this.org.units(), this.data.unit.id);
    return this.org
      .options()
      .filter(
        (o) =>
          o.active &&
          !excluded.has(o.id) &&
          o.id !== this.data.unit.parentId &&
          this.session.can('create', as('OrgUnit', { parentId: o.id, parentPath: o.path })),
      );
  });

  protected readonly form = inject(NonNullableFormBuilder).group({
    parentId: ['', [Validators.required]],
  });

  protected async save(): Promise<void> {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    try {
      const unit = await this.org.update(this.data.unit.id, {
        parentId: this.form.controls.parentId.value,
      });
      this.ref.close(unit);
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.busy.set(false);
    }
  }
}
