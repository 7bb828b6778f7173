import { ChangeDetectionStrategy, Component, input } from '@angular/core';

export type BadgeTone = 'neutral' | 'success' | 'warning' | 'danger';

/** A short status word ("Aktiv", "Inaktiv", "Låst") — the text carries the meaning. */
@Component({
  selector: 'varn-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class]': '"badge badge-" + tone()' },
  template: `<ng-content />`,
  styles: `
    :host {
      display: inline-block;
      padding: 1px 8px;
      border-radius: 999px;
      border: 1px solid;
      font: var(--mat-sys-label-medium);
      line-height: 1.5;
      white-space: nowrap;
      vertical-align: middle;
    }
    :host(.badge-neutral) {
      color: #3f4754;
      border-color: #737b88;
      background: #f1f3f6;
    }
    :host(.badge-success) {
      color: #18542a;
      border-color: #2e7d43;
      background: #e7f4ea;
    }
    :host(.badge-warning) {
      color: #6b4000;
      border-color: #a36600;
      background: #fff4e0;
    }
    :host(.badge-danger) {
      color: #8c1d18;
      border-color: #b3261e;
      background: #fdeceb;
    }
  `,
})
export class Badge {
  readonly tone = input<BadgeTone>('neutral');
}
