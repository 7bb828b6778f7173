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
import {
  FormControl,
  FormGroup,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule, type MatCheckboxChange } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionService } from '../core/auth/session.service';
import { toProblem, type Problem } from '../core/errors/problem';
import { applyServerErrors, serverError } from '../core/forms/server-errors';
import { I18n } from '../core/i18n/i18n.service';
import { Notifier } from '../core/notify/notifier.service';
import { Badge } from '../shared/ui/badge';
import { DateTimePipe } from '../shared/ui/date-time.pipe';
import { focusFirstInvalid } from '../shared/ui/focus-invalid';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { IndepthVerdict } from './indepth-verdict';
import { RED_FLAGS, RED_FLAG_GROUPS, type RedFlagCode } from './red-flags';
import {
  SupplierFields,
  applyOrganisationNumberProblem,
  supplierForm,
  supplierFormValue,
  supplierRequest,
  supplierRequestOf,
} from './supplier-fields';
import {
  SuppliersService,
  type SupplierDetailDto,
  type SupplierFlagDto,
  type UpdateSupplierRequest,
} from './suppliers.service';

/** One supplier: facts, edit, the red-flag checklist and the fördjupad-kontroll verdict. */
@Component({
  selector: 'varn-supplier-detail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    TranslocoPipe,
    Badge,
    DateTimePipe,
    IndepthVerdict,
    PageHeader,
    ProblemAlert,
    SupplierFields,
  ],
  templateUrl: './supplier-detail.page.html',
  styleUrl: './supplier-detail.page.scss',
})
export class SupplierDetailPage {
  private readonly suppliers = inject(SuppliersService);
  private readonly session = inject(SessionService);
  private readonly notifier = inject(Notifier);
  private readonly i18n = inject(I18n);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** Route parameter. */
  readonly id = input.required<string>();

  protected readonly supplier = signal<SupplierDetailDto | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadProblem = signal<Problem | null>(null);
  protected readonly canUpdate = computed(() => this.session.can('update', 'Supplier'));
  protected readonly serverError = serverError;

  /** The checklist: every flag of the library by group, with its tick when ticked. */
  protected readonly groups = computed(() => {
    const ticked = new Map<string, SupplierFlagDto>(
      (this.supplier()?.flags ?? []).map((f) => [f.code, f]),
    );
    return RED_FLAG_GROUPS.map((group) => ({
      group,
      flags: RED_FLAGS.filter((f) => f.group === group).map((f) => ({
        ...f,
        tick: ticked.get(f.code) ?? null,
      })),
    }));
  });

  // Edit form
  protected readonly editForm = supplierForm(inject(NonNullableFormBuilder));
  protected readonly editBusy = signal(false);
  protected readonly editProblem = signal<Problem | null>(null);
  protected readonly editExtra = signal<string[]>([]);

  // Ticking a flag: the flag whose evidence is being written, and the evidence
  protected readonly ticking = signal<RedFlagCode | null>(null);
  protected readonly evidence = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.maxLength(2000)],
  });
  protected readonly evidenceForm = new FormGroup({ evidence: this.evidence });
  protected readonly flagBusy = signal(false);
  protected readonly flagProblem = signal<Problem | null>(null);

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
  }

  private async load(id: string): Promise<void> {
    this.loading.set(true);
    this.loadProblem.set(null);
    try {
      this.setSupplier(await this.suppliers.get(id));
    } catch (error) {
      this.supplier.set(null);
      this.loadProblem.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  private setSupplier(s: SupplierDetailDto): void {
    this.supplier.set(s);
    this.editForm.reset(supplierFormValue(s));
  }

  protected async saveDetails(): Promise<void> {
    const s = this.supplier();
    if (!s || this.editBusy()) return;
    const formEl =
      this.host.nativeElement.querySelector<HTMLElement>('#supplier-edit-form') ??
      this.host.nativeElement;
    if (this.editForm.invalid) {
      this.editForm.markAllAsTouched();
      focusFirstInvalid(formEl);
      return;
    }
    const value = supplierRequest(this.editForm);
    const current = supplierRequestOf(s);
    const changes: UpdateSupplierRequest = {};
    for (const key of Object.keys(value) as Array<keyof typeof value>) {
      if (value[key] !== current[key]) Object.assign(changes, { [key]: value[key] });
    }
    if (!Object.keys(changes).length) {
      this.notifier.success('suppliers.nothingChanged');
      return;
    }
    this.editBusy.set(true);
    this.editProblem.set(null);
    this.editExtra.set([]);
    try {
      this.setSupplier(await this.suppliers.update(s.id, changes));
      this.notifier.success('suppliers.saved');
    } catch (error) {
      const problem = toProblem(error);
      if (applyOrganisationNumberProblem(this.editForm, problem, this.i18n)) {
        setTimeout(() => focusFirstInvalid(formEl));
      } else {
        this.editExtra.set(applyServerErrors(this.editForm, problem, this.i18n));
        this.editProblem.set(problem);
      }
    } finally {
      this.editBusy.set(false);
    }
  }

  protected onCheck(code: RedFlagCode, event: MatCheckboxChange, tick: SupplierFlagDto | null) {
    if (event.checked) {
      this.ticking.set(code);
      this.evidence.reset(tick?.evidence ?? '');
      this.flagProblem.set(null);
      setTimeout(() =>
        this.host.nativeElement.querySelector<HTMLElement>(`#evidence-${code}`)?.focus(),
      );
    } else if (tick) {
      void this.untick(code);
    } else {
      this.ticking.set(null);
    }
  }

  protected cancelTick(): void {
    const code = this.ticking();
    this.ticking.set(null);
    if (code)
      setTimeout(() =>
        this.host.nativeElement.querySelector<HTMLElement>(`#flag-${code}-input`)?.focus(),
      );
  }

  protected async saveTick(): Promise<void> {
    const s = this.supplier();
    const code = this.ticking();
    if (!s || !code || this.flagBusy()) return;
    if (this.evidence.invalid) {
      this.evidence.markAsTouched();
      this.host.nativeElement.querySelector<HTMLElement>(`#evidence-${code}`)?.focus();
      return;
    }
    this.flagBusy.set(true);
    this.flagProblem.set(null);
    try {
      this.setSupplier(await this.suppliers.tickFlag(s.id, code, this.evidence.value.trim()));
      this.ticking.set(null);
      this.notifier.success('suppliers.flagTicked');
    } catch (error) {
      this.flagProblem.set(toProblem(error));
    } finally {
      this.flagBusy.set(false);
    }
  }

  private async untick(code: RedFlagCode): Promise<void> {
    const s = this.supplier();
    if (!s || this.flagBusy()) return;
    this.flagBusy.set(true);
    this.flagProblem.set(null);
    try {
      this.setSupplier(await this.suppliers.untickFlag(s.id, code));
      this.notifier.success('suppliers.flagUnticked');
    } catch (error) {
      this.flagProblem.set(toProblem(error));
    } finally {
      this.flagBusy.set(false);
    }
  }
}
