import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/** One bar: its label under it, its value (null: not shown) and the text printed above it. */
export interface Bar {
  label: string;
  value: number | null;
  /** What is printed above the bar: the number, or "< 5" for a suppressed count. */
  text: string;
}

/**
 * Vertical bars drawn with CSS, each with its number printed above it and its label below, so the
 * chart is read from text, never from colour or height alone. It is a picture of numbers that
 * the page also shows as a table (the table view); `summary` names it for screen readers.
 */
@Component({
  selector: 'varn-bar-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'img', '[attr.aria-label]': 'summary()' },
  template: `
    <div class="bars" aria-hidden="true">
      @for (bar of scaled(); track $index) {
        <div class="column">
          <span class="value" [class.suppressed]="bar.value === null">{{ bar.text }}</span>
          <span
            class="bar"
            [class.empty]="bar.value === null"
            [style.height]="barHeight(bar.height)"
          ></span>
          <span class="label">{{ bar.label }}</span>
        </div>
      }
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .bars {
      display: grid;
      grid-auto-flow: column;
      grid-auto-columns: minmax(0, 1fr);
      gap: 6px;
      align-items: end;
      height: var(--bar-chart-height, 180px);
      border-bottom: 1px solid var(--mat-sys-outline);
      padding-bottom: 0;
    }
    .column {
      display: flex;
      flex-direction: column;
      justify-content: flex-end;
      align-items: center;
      height: 100%;
      min-width: 0;
    }
    .value {
      font: var(--mat-sys-label-large);
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    .value.suppressed {
      font-style: italic;
    }
    .bar {
      flex: none;
      width: min(36px, 80%);
      min-height: 2px;
      background: var(--bar-colour, #3b6ea8);
      border-radius: 4px 4px 0 0;
    }
    .bar.empty {
      min-height: 12px;
      background: repeating-linear-gradient(
        135deg,
        transparent 0 4px,
        var(--mat-sys-outline-variant) 4px 6px
      );
      border: 1px dashed var(--mat-sys-outline);
      border-bottom: 0;
    }
    .label {
      padding-top: 4px;
      font: var(--mat-sys-label-small);
      color: var(--mat-sys-on-surface-variant);
      white-space: nowrap;
    }
    @media (max-width: 599px) {
      .label {
        font-size: 10px;
      }
    }
  `,
})
export class BarChart {
  readonly bars = input.required<readonly Bar[]>();
  /** The value of a full-height bar; defaults to the largest value (shared by small multiples). */
  readonly max = input<number | null>(null);
  readonly summary = input.required<string>();

  /** A share of the column less the room its number and label take. */
  protected barHeight(percent: number): string {
    return `calc((100% - 44px) * ${(percent / 100).toFixed(4)})`;
  }

  protected readonly scaled = computed(() => {
    const bars = this.bars();
    const max = this.max() ?? Math.max(0, ...bars.map((b) => b.value ?? 0));
    return bars.map((b) => ({
      ...b,
      height: b.value === null ? 0 : max > 0 ? (b.value / max) * 100 : 0,
    }));
  });
}
