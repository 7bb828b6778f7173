import { ChangeDetectionStrategy, Component, ElementRef, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { UNIT_KINDS, type UnitDto, type UnitKind } from '../../core/api/models';
import { toProblem, type Problem } from '../../core/errors/problem';
import { applyServerErrors, serverError } from '../../core/forms/server-errors';
import { I18n } from '../../core/i18n/i18n.service';
import { focusFirstInvalid } from '../../shared/ui/focus-invalid';
import { ProblemAlert } from '../../shared/ui/problem-alert';
import { OrgService } from './org.service';

export type UnitFormData = { mode: 'create'; parent: UnitDto } | { mode: 'edit'; unit: UnitDto };

const NEXT_KIND: Record<UnitKind, UnitKind> = {
  forvaltning: 'avdelning',
  avdelning: 'enhet',
  enhet: 'enhet',
};

/** Add a unit under a parent, or change a unit's name and kind. */
@Component({
  selector: 'varn-unit-form-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatProgressBarModule,
    TranslocoPipe,
    ProblemAlert,
  ],
  template: `
    <h2 mat-dialog-title>
      @if (data.mode === 'create') {
        {{ 'org.createTitle' | transloco: { parent: data.parent.name } }}
      } @else {
        {{ 'org.editTitle' | transloco: { name: data.unit.name } }}
      }
    </h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        <varn-problem-alert [problem]="problem()" [extraMessages]="extraMessages()" />
        <div class="form-stack">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'org.name' | transloco }}</mat-label>
            <input matInput formControlName="name" required maxlength="200" cdkFocusInitial />
            @if (form.controls.name.hasError('required')) {
              <mat-error>{{ 'validation.required' | transloco }}</mat-error>
            } @else if (serverError(form.controls.name); as message) {
              <mat-error>{{ message }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'org.kind' | transloco }}</mat-label>
            <mat-select formControlName="kind" required>
              @for (kind of kinds; track kind) {
                <mat-option [value]="kind">{{ 'unitKinds.' + kind | transloco }}</mat-option>
              }
            </mat-select>
            @if (serverError(form.controls.kind); as message) {
              <mat-error>{{ message }}</mat-error>
            }
          </mat-form-field>
        </div>
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.saving' | transloco" />
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | transloco }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()">
          {{ (data.mode === 'create' ? 'org.create' : 'common.save') | transloco }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
})
export class UnitFormDialog {
  protected readonly data = inject<UnitFormData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<UnitFormDialog, UnitDto>>(MatDialogRef);
  private readonly org = inject(OrgService);
  private readonly i18n = inject(I18n);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /**
   * Only the root is a förvaltning; below it there are avdelningar and enheter (a unit that
   * already has another kind keeps it as a choice).
   */
  protected readonly kinds: readonly UnitKind[] =
    this.data.mode === 'edit' && this.data.unit.parentId === null
      ? ['forvaltning']
      : UNIT_KINDS.filter(
          (k) => k !== 'forvaltning' || (this.data.mode === 'edit' && this.data.unit.kind === k),
        );
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly extraMessages = signal<string[]>([]);
  protected readonly serverError = serverError;

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: [
      this.data.mode === 'edit' ? this.data.unit.name : '',
      [Validators.required, Validators.maxLength(200)],
    ],
    kind: [
      this.data.mode === 'edit' ? this.data.unit.kind : NEXT_KIND[this.data.parent.kind],
      [Validators.required],
    ],
  });

  protected async save(): Promise<void> {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    const { name, kind } = this.form.getRawValue();
    this.busy.set(true);
    this.problem.set(null);
    try {
      let unit: UnitDto;
      if (this.data.mode === 'create') {
        unit = await this.org.create({ name: name.trim(), kind, parentId: this.data.parent.id });
      } else {
        const current = this.data.unit;
        const changes = {
          ...(name.trim() !== current.name ? { name: name.trim() } : {}),
          ...(kind !== current.kind ? { kind } : {}),
        };
        unit = Object.keys(changes).length ? await this.org.update(current.id, changes) : current;
      }
      this.ref.close(unit);
    } catch (error) {
      const problem = toProblem(error);
      this.extraMessages.set(applyServerErrors(this.form, problem, this.i18n));
      this.problem.set(problem);
    } finally {
      this.busy.set(false);
    }
  }
}
