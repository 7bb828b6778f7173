import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/** What to show when a list is empty: what it means and what to do next. */
@Component({
  selector: 'varn-empty-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule],
  template: `
    <mat-icon class="icon" [svgIcon]="icon()" />
    <div>
      <p class="title">{{ heading() }}</p>
      <p class="text">{{ text() }}</p>
      <ng-content />
    </div>
  `,
  styles: `
    :host {
      display: flex;
      gap: 16px;
      align-items: flex-start;
      padding: 24px;
      border: 1px dashed var(--mat-sys-outline);
      border-radius: 12px;
      background: var(--mat-sys-surface);
    }
    .icon {
      color: var(--mat-sys-primary);
      flex: none;
    }
    .title {
      font: var(--mat-sys-title-medium);
      margin-bottom: 4px;
    }
    .text {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class EmptyState {
  readonly icon = input('info');
  readonly heading = input.required<string>();
  readonly text = input.required<string>();
}
