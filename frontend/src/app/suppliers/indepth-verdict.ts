import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { TranslocoPipe } from '@jsverse/transloco';
import type { SupplierSummaryDto } from './suppliers.service';

/** The fördjupad-kontroll verdict as icon + words (never colour alone); `long` lists the reasons. */
@Component({
  selector: 'varn-indepth-verdict',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, TranslocoPipe],
  template: `
    @if (check().required) {
      <span class="verdict required">
        <mat-icon svgIcon="error" aria-hidden="true" />
        <span>{{ 'suppliers.indepth.required' | transloco }}</span>
      </span>
      @if (long()) {
        <ul class="reasons">
          @for (reason of check().reasons; track $index) {
            <li>
              @if (reason.code === 'heavy_flag') {
                {{
                  'suppliers.indepth.heavyFlag'
                    | transloco: { flag: 'suppliers.flags.' + reason.flag | transloco }
                }}
              } @else {
                {{
                  'suppliers.indepth.flagCount'
                    | transloco: { count: reason.count, threshold: reason.threshold }
                }}
              }
            </li>
          }
        </ul>
      }
    } @else {
      <span class="verdict">
        <mat-icon svgIcon="check_circle" aria-hidden="true" />
        <span>{{ 'suppliers.indepth.notRequired' | transloco }}</span>
      </span>
    }
  `,
  styles: `
    .verdict {
      display: inline-flex;
      align-items: center;
      gap: 4px;
    }
    .verdict mat-icon {
      width: 20px;
      height: 20px;
    }
    .required {
      color: #8c1d18;
      font-weight: 500;
    }
    .reasons {
      margin: 4px 0 0;
      padding-left: 24px;
    }
  `,
})
export class IndepthVerdict {
  readonly check = input.required<SupplierSummaryDto['indepthCheck']>();
  readonly long = input(false);
}
