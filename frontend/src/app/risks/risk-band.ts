import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';

/**
 * A band (riskklass) as text with a coloured edge: the name always carries the meaning, the
 * colour only repeats it. "Ej bedömd" has its own dashed look, never the low band's.
 */
@Component({
  selector: 'varn-risk-band',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  host: { '[class]': '"band band-" + band()' },
  template: `{{ 'risks.bands.' + band() | transloco }}
    @if (detail()) {
      <span class="detail">{{ detail() }}</span>
    }`,
  styles: `
    :host {
      display: inline-block;
      padding: 1px 8px 1px 6px;
      border: 1px solid #737b88;
      border-left-width: 6px;
      border-radius: 6px;
      background: #fff;
      color: #1d1f23;
      font: var(--mat-sys-label-medium);
      line-height: 1.5;
      white-space: nowrap;
    }
    .detail {
      margin-left: 6px;
      color: #3f4754;
    }
    :host(.band-lag) {
      border-left-color: #2e7d32;
    }
    :host(.band-medel) {
      border-left-color: #f9a825;
    }
    :host(.band-hog) {
      border-left-color: #ef6c00;
    }
    :host(.band-mycket_hog) {
      border-left-color: #c62828;
    }
    :host(.band-ej_bedomd) {
      border-style: dashed;
      border-left-width: 1px;
      font-style: italic;
    }
  `,
})
export class RiskBand {
  readonly band = input.required<string>();
  /** Shown after the name, e.g. "4 × 5 = 20". */
  readonly detail = input<string | null>(null);
}
