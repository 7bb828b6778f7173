import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** The page's one `<h1>`, an optional lead text and actions on the right. */
@Component({
  selector: 'varn-page-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="header">
      <div class="text">
        <h1>{{ heading() }}</h1>
        @if (lead(); as lead) {
          <p class="lead">{{ lead }}</p>
        }
      </div>
      <div class="header-actions"><ng-content /></div>
    </div>
  `,
  styles: `
    .header {
      display: flex;
      flex-wrap: wrap;
      gap: 16px;
      align-items: flex-start;
      justify-content: space-between;
      margin-bottom: 16px;
    }
    .text {
      flex: 1 1 320px;
    }
    .lead {
      color: var(--mat-sys-on-surface-variant);
      margin: 0;
    }
    .header-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .header-actions:empty {
      display: none;
    }
  `,
})
export class PageHeader {
  readonly heading = input.required<string>();
  readonly lead = input<string>();
}
