import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  signal,
} from '@angular/core';
import {
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  type AbstractControl,
  type ValidationErrors,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { toProblem, type Problem } from '../core/errors/problem';
import { Alert } from '../shared/ui/alert';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { PublicReportService } from './public-report.service';
import { checkReceiptCode } from './receipt-code';

function receiptCodeValidator(control: AbstractControl<string>): ValidationErrors | null {
  const check = checkReceiptCode(control.value ?? '');
  return check.ok ? null : { [check.reason]: true };
}

/** `/anonym/logga-in`: the anonymous reporter returns with the receipt code. */
@Component({
  selector: 'varn-receipt-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    TranslocoPipe,
    Alert,
    PageHeader,
    ProblemAlert,
  ],
  template: `
    <varn-page-header
      [heading]="'anon.login.heading' | transloco"
      [lead]="'anon.login.lead' | transloco"
    />
    @if (notice() === 'utloggad') {
      <varn-alert kind="success"
        ><p>{{ 'anon.login.signedOut' | transloco }}</p></varn-alert
      >
    } @else if (notice() === 'avslutad') {
      <varn-alert kind="info"
        ><p>{{ 'anon.login.expired' | transloco }}</p></varn-alert
      >
    }
    <form class="section form-stack" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <div class="problem" tabindex="-1">
        @if (wrongCode()) {
          <varn-alert kind="error"
            ><p>{{ 'anon.login.wrongCode' | transloco }}</p></varn-alert
          >
        } @else {
          <varn-problem-alert [problem]="problem()" />
        }
      </div>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'anon.login.codeLabel' | transloco }}</mat-label>
        <input
          matInput
          [formControl]="code"
          autocomplete="off"
          inputmode="numeric"
          spellcheck="false"
          maxlength="40"
          required
        />
        <mat-hint>{{ 'anon.login.codeHint' | transloco }}</mat-hint>
        @if (code.hasError('empty')) {
          <mat-error>{{ 'anon.login.errors.empty' | transloco }}</mat-error>
        } @else if (code.hasError('format')) {
          <mat-error>{{ 'anon.login.errors.format' | transloco }}</mat-error>
        } @else if (code.hasError('checksum')) {
          <mat-error>{{ 'anon.login.errors.checksum' | transloco }}</mat-error>
        }
      </mat-form-field>
      @if (busy()) {
        <mat-progress-bar
          mode="indeterminate"
          [attr.aria-label]="'anon.login.opening' | transloco"
        />
      }
      <div class="actions">
        <button mat-flat-button type="submit" [disabled]="busy()">
          {{ 'anon.login.submit' | transloco }}
        </button>
      </div>
    </form>
    <p>
      {{ 'anon.login.noCode' | transloco }}
      <a routerLink="/anonym">{{ 'anon.login.newReport' | transloco }}</a>
    </p>
  `,
})
export class ReceiptLoginPage {
  private readonly api = inject(PublicReportService);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly code = new FormControl('', {
    nonNullable: true,
    validators: receiptCodeValidator,
  });
  protected readonly form = new FormGroup({ code: this.code });
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly wrongCode = signal(false);
  protected readonly notice = signal<string | null>(
    inject(ActivatedRoute).snapshot.queryParamMap.get('status'),
  );

  protected async submit(): Promise<void> {
    if (this.busy()) return;
    this.wrongCode.set(false);
    this.problem.set(null);
    if (this.code.invalid) {
      this.code.markAsTouched();
      this.host.nativeElement.querySelector<HTMLInputElement>('input')?.focus();
      return;
    }
    const check = checkReceiptCode(this.code.value);
    if (!check.ok) return;
    this.busy.set(true);
    try {
      await this.api.openSession(check.code);
      await this.router.navigateByUrl('/anonym/rapport');
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status === 401) this.wrongCode.set(true);
      else this.problem.set(problem);
      afterNextRender(
        () => this.host.nativeElement.querySelector<HTMLElement>('.problem')?.focus(),
        {
          injector: this.injector,
        },
      );
    } finally {
      this.busy.set(false);
    }
  }
}
