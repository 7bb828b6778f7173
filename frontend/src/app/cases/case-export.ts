import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe } from '@jsverse/transloco';
import { Notifier } from '../core/notify/notifier.service';
import type { CaseDetail } from './cases.models';
import { CasesService, saveFile } from './cases.service';
import { CaseProblem, Work } from './case-work';

export const MAX_MASKS = 100;

/** The passages to mask: one per line, trimmed, without empty lines or repeats. */
export function masksOf(text: string): string[] {
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const passage = line.trim();
    if (passage) seen.add(passage);
  }
  return [...seen];
}

/** Begäran om allmän handling: a redacted PDF for the secrecy review (identity always masked). */
@Component({
  selector: 'varn-case-export',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    TranslocoPipe,
    CaseProblem,
  ],
  template: `
    <section class="section" aria-labelledby="export-heading">
      <h2 id="export-heading">{{ 'cases.export.heading' | transloco }}</h2>
      <p class="muted">{{ 'cases.export.lead' | transloco }}</p>
      <form [formGroup]="form" (ngSubmit)="download()" novalidate>
        <varn-case-problem [problem]="work.problem()" />
        <mat-form-field appearance="outline" class="wide" subscriptSizing="dynamic">
          <mat-label>{{ 'cases.export.masks' | transloco }}</mat-label>
          <textarea matInput [formControl]="text" rows="4" maxlength="20000"></textarea>
          <mat-hint>{{
            'cases.export.masksHint' | transloco: { count: masks().length, max: max }
          }}</mat-hint>
          @if (text.hasError('tooMany')) {
            <mat-error>{{ 'cases.export.tooMany' | transloco: { max: max } }}</mat-error>
          }
        </mat-form-field>
        @if (work.busy()) {
          <mat-progress-bar
            mode="indeterminate"
            [attr.aria-label]="'cases.export.working' | transloco"
          />
          <p role="status">{{ 'cases.export.working' | transloco }}</p>
        }
        <div class="actions">
          <button mat-flat-button type="submit" [disabled]="work.busy()">
            <mat-icon svgIcon="download" />
            {{ 'cases.export.submit' | transloco }}
          </button>
        </div>
        <p class="muted">{{ 'cases.export.logged' | transloco }}</p>
      </form>
    </section>
  `,
  styles: `
    mat-form-field {
      margin-bottom: 12px;
    }
    h2 {
      margin-top: 0;
    }
    .wide {
      width: 100%;
      max-width: 720px;
      display: block;
    }
  `,
})
export class CaseExport {
  private readonly cases = inject(CasesService);
  private readonly notifier = inject(Notifier);
  readonly detail = input.required<CaseDetail>();

  protected readonly max = MAX_MASKS;
  protected readonly work = new Work();
  protected readonly text = new FormControl('', {
    nonNullable: true,
    validators: [
      Validators.maxLength(20000),
      (c) => (masksOf(String(c.value)).length > MAX_MASKS ? { tooMany: true } : null),
    ],
  });
  protected readonly form = new FormGroup({ masks: this.text });
  private readonly textValue = signal('');
  protected readonly masks = computed(() => masksOf(this.textValue()));

  constructor() {
    this.text.valueChanges.subscribe((v) => this.textValue.set(v));
  }

  protected async download(): Promise<void> {
    if (this.text.invalid) {
      this.text.markAsTouched();
      return;
    }
    const c = this.detail();
    const ok = await this.work.run(async () =>
      saveFile(await this.cases.redactedExport(c.id, this.masks(), `${c.reference}-maskerad.pdf`)),
    );
    if (ok) this.notifier.success('cases.export.done');
  }
}
