import { HttpClient } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import {
  FormArray,
  FormControl,
  FormGroup,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { OrgService } from '../admin/org/org.service';
import { API, queryParams } from '../core/api/api';
import { as } from '../core/auth/ability';
import { SessionService } from '../core/auth/session.service';
import type { Translator } from '../core/errors/error-messages';
import { fieldMessages } from '../core/errors/error-messages';
import type { Problem } from '../core/errors/problem';
import { serverError } from '../core/forms/server-errors';
import type { SupplierPageDto, SupplierSummaryDto } from '../suppliers/suppliers.service';
import { APPROVAL_STATUSES, FOLLOW_UP_CLASSES, SECTORS } from './contract-labels';
import type { ContractDetailDto, CreateContractRequest } from './contracts.service';

type Approval = (typeof APPROVAL_STATUSES)[number];

export type SubcontractorForm = FormGroup<{
  name: FormControl<string>;
  organisationNumber: FormControl<string>;
  tier: FormControl<number>;
  approvalStatus: FormControl<Approval>;
}>;

export type ContractForm = FormGroup<{
  title: FormControl<string>;
  diarienummer: FormControl<string>;
  supplierId: FormControl<string>;
  /** What the supplier field shows (name and number); `supplierId` is what is sent. */
  supplierText: FormControl<string>;
  sector: FormControl<string>;
  annualValue: FormControl<number | null>;
  startDate: FormControl<string>;
  endDate: FormControl<string>;
  unitId: FormControl<string>;
  followUpClass: FormControl<string>;
  maxSubcontractorTiers: FormControl<number>;
  notes: FormControl<string>;
  subcontractors: FormArray<SubcontractorForm>;
}>;

export function subcontractorForm(
  fb: NonNullableFormBuilder,
  s?: { name: string; organisationNumber: string; tier: number; approvalStatus: string },
): SubcontractorForm {
  return fb.group({
    name: [s?.name ?? '', [Validators.required, Validators.maxLength(200)]],
    organisationNumber: [
      s?.organisationNumber ?? '',
      [Validators.required, Validators.maxLength(32)],
    ],
    tier: [s?.tier ?? 1, [Validators.required, Validators.min(1), Validators.max(20)]],
    approvalStatus: [(s?.approvalStatus as Approval | undefined) ?? 'ej_provad'],
  });
}

/** The contract form's controls with the limits the API enforces. */
export function contractForm(fb: NonNullableFormBuilder): ContractForm {
  return fb.group({
    title: ['', [Validators.required, Validators.maxLength(200)]],
    diarienummer: ['', [Validators.required, Validators.maxLength(40)]],
    supplierId: ['', [Validators.required]],
    supplierText: [''],
    sector: ['', [Validators.required]],
    annualValue: fb.control<number | null>(null, [
      Validators.required,
      Validators.min(0),
      Validators.max(2_000_000_000),
      Validators.pattern(/^\d+$/),
    ]),
    startDate: ['', [Validators.required]],
    endDate: ['', [Validators.required]],
    unitId: ['', [Validators.required]],
    followUpClass: ['', [Validators.required]],
    maxSubcontractorTiers: [1, [Validators.required, Validators.min(0), Validators.max(20)]],
    notes: ['', [Validators.maxLength(4000)]],
    subcontractors: fb.array<SubcontractorForm>([]),
  });
}

export function contractFormValue(
  fb: NonNullableFormBuilder,
  form: ContractForm,
  c: ContractDetailDto,
): void {
  form.controls.subcontractors.clear();
  for (const s of c.subcontractors) form.controls.subcontractors.push(subcontractorForm(fb, s));
  form.patchValue({
    title: c.title,
    diarienummer: c.diarienummer,
    supplierId: c.supplierId,
    supplierText: `${c.supplierName} (${c.supplierOrganisationNumber})`,
    sector: c.sector,
    annualValue: c.annualValue,
    startDate: c.startDate,
    endDate: c.endDate,
    unitId: c.unitId,
    followUpClass: c.followUpClass,
    maxSubcontractorTiers: c.maxSubcontractorTiers,
    notes: c.notes ?? '',
  });
}

/** The form's values as the API takes them. */
export function contractRequest(form: ContractForm): CreateContractRequest {
  const v = form.getRawValue();
  return {
    title: v.title.trim(),
    diarienummer: v.diarienummer.trim(),
    supplierId: v.supplierId,
    sector: v.sector as CreateContractRequest['sector'],
    annualValue: Number(v.annualValue),
    startDate: v.startDate,
    endDate: v.endDate,
    unitId: v.unitId,
    followUpClass: v.followUpClass as CreateContractRequest['followUpClass'],
    maxSubcontractorTiers: Number(v.maxSubcontractorTiers),
    notes: v.notes.trim() || null,
    subcontractors: v.subcontractors.map((s) => ({
      name: s.name.trim(),
      organisationNumber: s.organisationNumber.trim(),
      tier: Number(s.tier),
      approvalStatus: s.approvalStatus,
    })),
  };
}

/**
 * Puts the server's field errors on the form's controls in the user's language (our reasons
 * from `contracts.fieldErrors`, others as the shared mapping does), keeping what was typed.
 * Returns the messages that belong to no control.
 */
export function applyContractErrors(
  form: ContractForm,
  problem: Problem,
  i18n: Translator,
): string[] {
  const unmatched: string[] = [];
  const errors = problem.errors ?? [];
  for (const e of errors) {
    const messages = e.messages.map((m) => {
      const key = `contracts.fieldErrors.${m}`;
      return i18n.has(key) ? i18n.t(key) : fieldMessages([m], i18n)[0];
    });
    const control = form.get(e.field === 'supplierId' ? 'supplierText' : e.field);
    if (control) {
      control.setErrors({ ...(control.errors ?? {}), server: messages.join(' ') });
      control.markAsTouched();
    } else unmatched.push(...messages);
  }
  return unmatched;
}

/** The contract form's fields (create page and the detail page's edit form). */
@Component({
  selector: 'varn-contract-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    TranslocoPipe,
  ],
  templateUrl: './contract-fields.html',
  styles: `
    .subcontractor {
      display: grid;
      grid-template-columns: minmax(12rem, 2fr) minmax(10rem, 1fr) 6rem minmax(10rem, 1fr) auto;
      gap: 8px 12px;
      align-items: start;
      padding: 8px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    @media (max-width: 800px) {
      .subcontractor {
        grid-template-columns: 1fr;
      }
    }
    fieldset {
      border: 0;
      padding: 0;
      margin: 16px 0 0;
    }
    legend {
      font: var(--mat-sys-title-small);
      margin-bottom: 4px;
    }
    .wide {
      grid-column: 1 / -1;
    }
    .hint {
      color: var(--mat-sys-on-surface-variant);
      margin: 0 0 8px;
    }
    .field-error {
      color: var(--mat-sys-error);
      margin: -8px 0 0;
      font: var(--mat-sys-body-small);
    }
  `,
})
export class ContractFields {
  readonly form = input.required<ContractForm>();
  /** The unit the contract has now (kept selectable when editing, even if not otherwise offered). */
  readonly currentUnitId = input<string | null>(null);
  readonly action = input<'create' | 'update'>('create');

  private readonly http = inject(HttpClient);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly session = inject(SessionService);
  protected readonly org = inject(OrgService);
  protected readonly serverError = serverError;
  protected readonly sectors = SECTORS;
  protected readonly classes = FOLLOW_UP_CLASSES;
  protected readonly approvals = APPROVAL_STATUSES;
  protected readonly supplierOptions = signal<SupplierSummaryDto[]>([]);

  /** Active units where the user may keep contracts. */
  protected readonly units = computed(() =>
    this.org
      .options()
      .filter(
        (o) =>
          o.id === this.currentUnitId() ||
          (o.active &&
            this.session.can(
              this.action(),
              as('Contract', { id: '', unitId: o.id, unitPath: o.path }),
            )),
      ),
  );

  constructor() {
    void this.org.ensureLoaded();
    const cdr = inject(ChangeDetectorRef);
    effect((onCleanup) => {
      const sub = this.form().statusChanges.subscribe(() => cdr.markForCheck());
      onCleanup(() => sub.unsubscribe());
    });
  }

  protected async searchSuppliers(event: Event): Promise<void> {
    const q = (event.target as HTMLInputElement).value.trim();
    // typing replaces the choice: a supplier is only set by picking one from the list
    this.form().controls.supplierId.setValue('');
    if (!q) {
      this.supplierOptions.set([]);
      return;
    }
    const page = await firstValueFrom(
      this.http.get<SupplierPageDto>(`${API}/suppliers`, {
        params: queryParams({ q, pageSize: 20 }),
      }),
    ).catch(() => null);
    this.supplierOptions.set(page?.items ?? []);
  }

  protected pickSupplier(s: SupplierSummaryDto): void {
    this.form().patchValue({
      supplierId: s.id,
      supplierText: `${s.name} (${s.organisationNumber})`,
    });
    this.form().controls.supplierText.setErrors(null);
  }

  protected supplierMissing(): boolean {
    const f = this.form();
    return f.controls.supplierText.touched && !f.controls.supplierId.value;
  }

  protected addSubcontractor(): void {
    this.form().controls.subcontractors.push(subcontractorForm(this.fb));
  }

  protected removeSubcontractor(i: number): void {
    this.form().controls.subcontractors.removeAt(i);
  }
}
