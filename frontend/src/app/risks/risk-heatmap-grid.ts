import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';

/** One cell of a risk heatmap: how many risks have this likelihood × consequence, and its band. */
export interface HeatmapCell {
  likelihood: number;
  consequence: number;
  count: number;
  band: string;
}

/**
 * The risk heatmap's grid: likelihood (rows, highest first) × consequence (columns). Each cell is
 * a button showing its count and band name (never colour alone); a cell with risks is opened
 * with a click or the keyboard (`open`), an empty cell cannot be chosen. Used by the risk map
 * page and the manager dashboard.
 */
@Component({
  selector: 'varn-risk-heatmap-grid',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  template: `
    <div class="table-scroll">
      <table class="heatmap">
        <caption class="visually-hidden">
          {{
            caption()
          }}
        </caption>
        <thead>
          <tr>
            <th scope="col" class="axis">{{ 'risks.heatmap.axes' | transloco }}</th>
            @for (c of consequences(); track c) {
              <th scope="col">
                <span class="axis-word">{{ 'risks.consequence' | transloco }} </span>{{ c }}
              </th>
            }
          </tr>
        </thead>
        <tbody>
          @for (row of rows(); track row.likelihood) {
            <tr>
              <th scope="row">
                <span class="axis-word">{{ 'risks.likelihood' | transloco }} </span>{{
                  row.likelihood
                }}
              </th>
              @for (cell of row.cells; track cell.consequence) {
                <td>
                  <button
                    type="button"
                    class="cell band-{{ cell.band }}"
                    [disabled]="cell.count === 0"
                    [attr.aria-label]="
                      'risks.heatmap.cellLabel'
                        | transloco
                          : {
                              count: cell.count,
                              likelihood: cell.likelihood,
                              consequence: cell.consequence,
                              band: ('risks.bands.' + cell.band | transloco),
                            }
                    "
                    (click)="open.emit(cell)"
                  >
                    <span class="count">{{ cell.count }}</span>
                    <span class="band">{{ 'risks.bands.' + cell.band | transloco }}</span>
                  </button>
                </td>
              }
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .table-scroll {
      overflow-x: auto;
    }
    .heatmap {
      border-collapse: separate;
      border-spacing: 4px;
    }
    .heatmap th {
      font: var(--mat-sys-label-medium);
      padding: 4px;
      text-align: center;
    }
    .heatmap th[scope='row'] {
      text-align: right;
      max-width: 140px;
    }
    .cell {
      width: 108px;
      min-height: 72px;
      padding: 6px;
      border: 1px solid #5f6670;
      border-left-width: 8px;
      border-radius: 8px;
      background: #fff;
      color: #1d1f23;
      font: inherit;
      cursor: pointer;
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 2px;
    }
    .cell:disabled {
      cursor: default;
      color: #3f4754;
    }
    .cell:focus-visible {
      outline: 3px solid var(--mat-sys-primary);
      outline-offset: 2px;
    }
    .cell .count {
      font: var(--mat-sys-title-large);
    }
    .cell .band {
      font: var(--mat-sys-label-medium);
    }
    .band-lag {
      border-left-color: #2e7d32;
      background: #eef7ee;
    }
    .band-medel {
      border-left-color: #f9a825;
      background: #fff8e1;
    }
    .band-hog {
      border-left-color: #ef6c00;
      background: #fff0e3;
    }
    .band-mycket_hog {
      border-left-color: #c62828;
      background: #fdecec;
    }
    .axis {
      font: var(--mat-sys-label-large);
    }
    :host(.compact) .cell {
      width: 84px;
      min-height: 60px;
    }
    @media (max-width: 599px) {
      .heatmap {
        border-spacing: 2px;
      }
      .heatmap th {
        font: var(--mat-sys-label-small);
        padding: 2px;
      }
      .heatmap th[scope='row'] {
        max-width: 64px;
      }
      /* the corner names the axes; the words stay for screen readers */
      .axis-word {
        position: absolute;
        width: 1px;
        height: 1px;
        margin: -1px;
        overflow: hidden;
        clip: rect(0, 0, 0, 0);
        white-space: nowrap;
      }
      .cell,
      :host(.compact) .cell {
        width: 50px;
        min-height: 54px;
        padding: 4px 1px;
        border-left-width: 5px;
      }
      .cell .count {
        font: var(--mat-sys-title-medium);
      }
      .cell .band {
        font: var(--mat-sys-label-small);
        text-align: center;
        line-height: 1.1;
      }
    }
  `,
})
export class RiskHeatmapGrid {
  readonly cells = input.required<readonly HeatmapCell[]>();
  /** Levels of the matrix; when not given, the highest level among the cells. */
  readonly likelihoodLevels = input<number | null>(null);
  readonly consequenceLevels = input<number | null>(null);
  /** What the table shows, for screen readers (the caption is visually hidden). */
  readonly caption = input.required<string>();
  readonly open = output<HeatmapCell>();

  private readonly size = computed(() => ({
    likelihood: this.likelihoodLevels() ?? Math.max(0, ...this.cells().map((c) => c.likelihood)),
    consequence: this.consequenceLevels() ?? Math.max(0, ...this.cells().map((c) => c.consequence)),
  }));

  /** Rows from the highest likelihood down, each with its cells by consequence. */
  protected readonly rows = computed(() => {
    const rows: Array<{ likelihood: number; cells: HeatmapCell[] }> = [];
    for (let l = this.size().likelihood; l >= 1; l--)
      rows.push({
        likelihood: l,
        cells: this.cells()
          .filter((c) => c.likelihood === l)
          .sort((a, b) => a.consequence - b.consequence),
      });
    return rows;
  });

  protected readonly consequences = computed(() =>
    Array.from({ length: this.size().consequence }, (_, i) => i + 1),
  );
}
