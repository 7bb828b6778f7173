import { ChangeDetectionStrategy, Component, ElementRef, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { toProblem, type Problem } from '../core/errors/problem';
import { I18n } from '../core/i18n/i18n.service';
import { Notifier } from '../core/notify/notifier.service';
import { focusFirstInvalid } from '../shared/ui/focus-invalid';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import {
  ContractFields,
  applyContractErrors,
  contractForm,
  contractRequest,
} from './contract-fields';
import { ContractsService } from './contracts.service';

/** A new contract for a unit of the controller's scope. */
@Component({
  selector: 'varn-contract-create-page',
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
    ContractFields,
  ],
  template: `
    <a mat-button routerLink="/avtal" class="back">
      <mat-icon svgIcon="arrow_back" />
      {{ 'contracts.backToList' | transloco }}
    </a>
    <varn-page-header
      [heading]="'contracts.newHeading' | transloco"
      [lead]="'contracts.newLead' | transloco"
    />
    <form [formGroup]="form" (ngSubmit)="save()" novalidate class="section">
      <varn-problem-alert [problem]="problem()" [extraMessages]="extraMessages()" />
      <varn-contract-fields [form]="form" action="create" />
      @if (busy()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.saving' | transloco" />
      }
      <div class="actions">
        <button mat-flat-button type="submit" [disabled]="busy()">
          {{ 'contracts.create' | transloco }}
        </button>
        <a mat-button routerLink="/avtal">{{ 'common.cancel' | transloco }}</a>
      </div>
    </form>
  `,
})
export class ContractCreatePage {
  private readonly contracts = inject(ContractsService);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  private readonly notifier = inject(Notifier);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly extraMessages = signal<string[]>([]);
  protected readonly form = contractForm(inject(NonNullableFormBuilder));

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
      const contract = await this.contracts.create(contractRequest(this.form));
      this.notifier.success('contracts.created', { title: contract.title });
      await this.router.navigate(['/avtal', contract.id]);
    } catch (error) {
      const problem = toProblem(error);
      this.extraMessages.set(applyContractErrors(this.form, problem, this.i18n));
      this.problem.set(problem);
      setTimeout(() => focusFirstInvalid(this.host.nativeElement));
    } finally {
      this.busy.set(false);
    }
  }
}
