import {
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  effect,
  inject,
  input,
} from '@angular/core';
import {
  FormControl,
  FormGroup,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Translator } from '../core/errors/error-messages';
import type { Problem } from '../core/errors/problem';
import { serverError } from '../core/forms/server-errors';
import type { CreateSupplierRequest, SupplierDetailDto } from './suppliers.service';

export type SupplierForm = FormGroup<{
  name: FormControl<string>;
  organisationNumber: FormControl<string>;
  address: FormControl<string>;
  contactName: FormControl<string>;
  contactEmail: FormControl<string>;
  contactPhone: FormControl<string>;
  beneficialOwner: FormControl<string>;
  notes: FormControl<string>;
}>;

/** The supplier form's controls with the limits the API enforces. */
export function supplierForm(fb: NonNullableFormBuilder): SupplierForm {
  return fb.group({
    name: ['', [Validators.required, Validators.maxLength(200)]],
    organisationNumber: ['', [Validators.required, Validators.maxLength(32)]],
    address: ['', [Validators.maxLength(500)]],
    contactName: ['', [Validators.maxLength(200)]],
    contactEmail: ['', [Validators.email, Validators.maxLength(254)]],
    contactPhone: ['', [Validators.maxLength(40), Validators.pattern(/^[0-9 +()-]*$/)]],
    beneficialOwner: ['', [Validators.maxLength(200)]],
    notes: ['', [Validators.maxLength(4000)]],
  });
}

/** The form's values as the API takes them (empty optional text clears the field). */
export function supplierRequest(form: SupplierForm): Required<CreateSupplierRequest> {
  const v = form.getRawValue();
  const opt = (s: string): string | null => s.trim() || null;
  return {
    name: v.name.trim(),
    organisationNumber: v.organisationNumber.trim(),
    address: opt(v.address),
    contactName: opt(v.contactName),
    contactEmail: opt(v.contactEmail),
    contactPhone: opt(v.contactPhone),
    beneficialOwner: opt(v.beneficialOwner),
    notes: opt(v.notes),
  };
}

/** A loaded supplier as a request, to compare with the form's. */
export function supplierRequestOf(s: SupplierDetailDto): Required<CreateSupplierRequest> {
  return {
    name: s.name,
    organisationNumber: s.organisationNumber,
    address: s.address,
    contactName: s.contactName,
    contactEmail: s.contactEmail,
    contactPhone: s.contactPhone,
    beneficialOwner: s.beneficialOwner,
    notes: s.notes,
  };
}

export function supplierFormValue(s: SupplierDetailDto): ReturnType<SupplierForm['getRawValue']> {
  return {
    name: s.name,
    organisationNumber: s.organisationNumber,
    address: s.address ?? '',
    contactName: s.contactName ?? '',
    contactEmail: s.contactEmail ?? '',
    contactPhone: s.contactPhone ?? '',
    beneficialOwner: s.beneficialOwner ?? '',
    notes: s.notes ?? '',
  };
}

/** The supplier form's fields (used by the create page and the detail page's edit form). */
@Component({
  selector: 'varn-supplier-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, TranslocoPipe],
  template: `
    <div class="form-grid" [formGroup]="form()">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'suppliers.name' | transloco }}</mat-label>
        <input matInput formControlName="name" autocomplete="off" required maxlength="200" />
        @if (form().controls.name.hasError('required')) {
          <mat-error>{{ 'validation.required' | transloco }}</mat-error>
        } @else if (serverError(form().controls.name); as message) {
          <mat-error>{{ message }}</mat-error>
        }
      </mat-form-field>

      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'suppliers.organisationNumber' | transloco }}</mat-label>
        <input
          matInput
          formControlName="organisationNumber"
          autocomplete="off"
          inputmode="numeric"
          spellcheck="false"
          required
          maxlength="32"
        />
        <mat-hint>{{ 'suppliers.organisationNumberHint' | transloco }}</mat-hint>
        @if (form().controls.organisationNumber.hasError('required')) {
          <mat-error>{{ 'validation.required' | transloco }}</mat-error>
        } @else if (serverError(form().controls.organisationNumber); as message) {
          <mat-error>{{ message }}</mat-error>
        }
      </mat-form-field>

      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'suppliers.address' | transloco }}</mat-label>
        <input matInput formControlName="address" autocomplete="off" maxlength="500" />
        <mat-hint>{{ 'common.optional' | transloco }}</mat-hint>
        @if (serverError(form().controls.address); as message) {
          <mat-error>{{ message }}</mat-error>
        }
      </mat-form-field>

      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'suppliers.contactName' | transloco }}</mat-label>
        <input matInput formControlName="contactName" autocomplete="off" maxlength="200" />
        <mat-hint>{{ 'common.optional' | transloco }}</mat-hint>
        @if (serverError(form().controls.contactName); as message) {
          <mat-error>{{ message }}</mat-error>
        }
      </mat-form-field>

      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'suppliers.contactEmail' | transloco }}</mat-label>
        <input
          matInput
          type="email"
          formControlName="contactEmail"
          autocomplete="off"
          maxlength="254"
        />
        <mat-hint>{{ 'common.optional' | transloco }}</mat-hint>
        @if (form().controls.contactEmail.hasError('email')) {
          <mat-error>{{ 'validation.email' | transloco }}</mat-error>
        } @else if (serverError(form().controls.contactEmail); as message) {
          <mat-error>{{ message }}</mat-error>
        }
      </mat-form-field>

      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'suppliers.contactPhone' | transloco }}</mat-label>
        <input
          matInput
          type="tel"
          formControlName="contactPhone"
          autocomplete="off"
          maxlength="40"
        />
        <mat-hint>{{ 'common.optional' | transloco }}</mat-hint>
        @if (form().controls.contactPhone.hasError('pattern')) {
          <mat-error>{{ 'suppliers.phoneInvalid' | transloco }}</mat-error>
        } @else if (serverError(form().controls.contactPhone); as message) {
          <mat-error>{{ message }}</mat-error>
        }
      </mat-form-field>

      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'suppliers.beneficialOwner' | transloco }}</mat-label>
        <input matInput formControlName="beneficialOwner" autocomplete="off" maxlength="200" />
        <mat-hint>{{ 'common.optional' | transloco }}</mat-hint>
        @if (serverError(form().controls.beneficialOwner); as message) {
          <mat-error>{{ message }}</mat-error>
        }
      </mat-form-field>

      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="wide">
        <mat-label>{{ 'suppliers.notes' | transloco }}</mat-label>
        <textarea matInput formControlName="notes" rows="3" maxlength="4000"></textarea>
        <mat-hint>{{ 'common.optional' | transloco }}</mat-hint>
        @if (serverError(form().controls.notes); as message) {
          <mat-error>{{ message }}</mat-error>
        }
      </mat-form-field>
    </div>
  `,
})
export class SupplierFields {
  readonly form = input.required<SupplierForm>();
  protected readonly serverError = serverError;

  constructor() {
    // errors the server puts on the controls must show although no input of this view changed
    const cdr = inject(ChangeDetectorRef);
    effect((onCleanup) => {
      const sub = this.form().statusChanges.subscribe(() => cdr.markForCheck());
      onCleanup(() => sub.unsubscribe());
    });
  }
}

/**
 * Puts an organisation-number problem (wrong format or check digit, already registered) on the
 * field, in the user's language, keeping what was typed. Returns whether it did.
 */
export function applyOrganisationNumberProblem(
  form: SupplierForm,
  problem: Problem,
  i18n: Translator,
): boolean {
  let key: string;
  if (problem.code === 'organisation_number_taken') key = 'suppliers.errors.taken';
  else if (problem.code === 'invalid_organisation_number') {
    const reason = problem.errors?.find((e) => e.field === 'organisationNumber')?.messages[0];
    key = reason === 'checksum' ? 'suppliers.errors.checksum' : 'suppliers.errors.format';
  } else return false;
  const control = form.controls.organisationNumber;
  control.setErrors({ ...(control.errors ?? {}), server: i18n.t(key) });
  control.markAsTouched();
  return true;
}
