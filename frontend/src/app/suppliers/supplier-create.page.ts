import { ChangeDetectionStrategy, Component, ElementRef, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { toProblem, type Problem } from '../core/errors/problem';
import { applyServerErrors } from '../core/forms/server-errors';
import { I18n } from '../core/i18n/i18n.service';
import { Notifier } from '../core/notify/notifier.service';
import { focusFirstInvalid } from '../shared/ui/focus-invalid';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import {
  SupplierFields,
  applyOrganisationNumberProblem,
  supplierForm,
  supplierRequest,
} from './supplier-fields';
import { SuppliersService } from './suppliers.service';

/** A new supplier: name and a valid organisation number, and what else is known. */
@Component({
  selector: 'varn-supplier-create-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslocoPipe,
    PageHeader,
    ProblemAlert,
    SupplierFields,
  ],
  template: `
    <a mat-button routerLink="/leverantorer" class="back">
      <mat-icon svgIcon="arrow_back" />
      {{ 'suppliers.backToList' | transloco }}
    </a>
    <varn-page-header
      [heading]="'suppliers.newHeading' | transloco"
      [lead]="'suppliers.newLead' | transloco"
    />
    <form [formGroup]="form" (ngSubmit)="save()" novalidate class="section">
      <varn-problem-alert [problem]="problem()" [extraMessages]="extraMessages()" />
      <varn-supplier-fields [form]="form" />
      @if (busy()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.saving' | transloco" />
      }
      <div class="actions">
        <button mat-flat-button type="submit" [disabled]="busy()">
          {{ 'suppliers.create' | transloco }}
        </button>
        <a mat-button routerLink="/leverantorer">{{ 'common.cancel' | transloco }}</a>
      </div>
    </form>
  `,
})
export class SupplierCreatePage {
  private readonly suppliers = inject(SuppliersService);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  private readonly notifier = inject(Notifier);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly extraMessages = signal<string[]>([]);
  protected readonly form = supplierForm(inject(NonNullableFormBuilder));

  protected async save(): Promise<void> {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement);
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    this.extraMessages.set([]);
    try {
      const supplier = await this.suppliers.create(supplierRequest(this.form));
      this.notifier.success('suppliers.created', { name: supplier.name });
      await this.router.navigate(['/leverantorer', supplier.id]);
    } catch (error) {
      const problem = toProblem(error);
      if (applyOrganisationNumberProblem(this.form, problem, this.i18n)) {
        setTimeout(() => focusFirstInvalid(this.host.nativeElement));
      } else {
        this.extraMessages.set(applyServerErrors(this.form, problem, this.i18n));
        this.problem.set(problem);
      }
    } finally {
      this.busy.set(false);
    }
  }
}
