import { ChangeDetectionStrategy, Component, computed, input, model } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { RiskBand } from './risk-band';
import type { RiskMatrixDto } from './risks.service';

/**
 * Likelihood and consequence pickers on the matrix, each level with its label, and the score and
 * band they give ("4 × 5 = 20 → Mycket hög"), or "Ej bedömd" when both are left empty.
 */
@Component({
  selector: 'varn-risk-score-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatFormFieldModule, MatSelectModule, TranslocoPipe, RiskBand],
  template: `
    <fieldset class="picker">
      <legend>{{ legend() }}</legend>
      <div class="row">
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'risks.likelihood' | transloco }}</mat-label>
          <mat-select
            [value]="likelihood()"
            (selectionChange)="likelihood.set($event.value)"
            [attr.data-testid]="testId() + '-likelihood'"
          >
            <mat-option [value]="null">{{ 'risks.notAssessedOption' | transloco }}</mat-option>
            @for (l of matrix().likelihood; track l.level) {
              <mat-option [value]="l.level">{{ l.level }} – {{ l.label }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'risks.consequence' | transloco }}</mat-label>
          <mat-select
            [value]="consequence()"
            (selectionChange)="consequence.set($event.value)"
            [attr.data-testid]="testId() + '-consequence'"
          >
            <mat-option [value]="null">{{ 'risks.notAssessedOption' | transloco }}</mat-option>
            @for (c of matrix().consequence; track c.level) {
              <mat-option [value]="c.level">{{ c.level }} – {{ c.label }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <p class="result" aria-live="polite">
          @if (result(); as r) {
            @if (r.band === 'incomplete') {
              <span class="warn">{{ 'risks.incomplete' | transloco }}</span>
            } @else {
              <varn-risk-band [band]="r.band" [detail]="r.text" />
            }
          }
        </p>
      </div>
    </fieldset>
  `,
  styles: `
    .picker {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      padding: 8px 12px 12px;
      margin: 0 0 12px;
    }
    legend {
      font: var(--mat-sys-title-small);
      padding: 0 4px;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: center;
    }
    .result {
      margin: 0;
    }
    .warn {
      color: #8c1d18;
    }
  `,
})
export class RiskScorePicker {
  readonly matrix = input.required<RiskMatrixDto>();
  readonly likelihood = model<number | null>(null);
  readonly consequence = model<number | null>(null);
  readonly legend = input.required<string>();
  readonly testId = input('score');

  protected readonly result = computed(() => {
    const lv = this.likelihood();
    const cv = this.consequence();
    if (lv === null && cv === null) return { band: 'ej_bedomd', text: null };
    if (lv === null || cv === null) return { band: 'incomplete', text: null };
    const cell = this.matrix().cells.find((x) => x.likelihood === lv && x.consequence === cv);
    if (!cell) return { band: 'incomplete', text: null };
    return { band: cell.band, text: `${lv} × ${cv} = ${lv * cv}` };
  });
}
