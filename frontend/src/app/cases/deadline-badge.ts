import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { TranslocoPipe } from '@jsverse/transloco';
import type { DeadlineView } from './deadline-view';

/** A deadline in words with its icon (colour is never the only signal; overdue is also bold). */
@Component({
  selector: 'varn-deadline-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, TranslocoPipe],
  host: { '[class]': '"deadline deadline-" + view().tone' },
  template: `
    <mat-icon class="icon" [svgIcon]="view().icon" aria-hidden="true" />
    <span>{{ key() | transloco: params() }}</span>
  `,
  styles: `
    :host {
      display: inline-flex;
      gap: 4px;
      align-items: flex-start;
    }
    .icon {
      flex: none;
      width: 18px;
      height: 18px;
      margin-top: 1px;
    }
    :host(.deadline-danger) {
      color: #8c1d18;
      font-weight: 600;
    }
    :host(.deadline-warning) {
      color: #6b4000;
      font-weight: 500;
    }
    :host(.deadline-neutral) .icon,
    :host(.deadline-success) .icon {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class DeadlineBadge {
  readonly view = input.required<DeadlineView>();
  /** Translated parameters (e.g. the waiver reason) merged over the view's own. */
  readonly extra = input<Record<string, unknown>>({});
  protected readonly key = computed(() => `cases.${this.view().key}`);
  /** Dates keep together on one line (non-breaking hyphens), so a narrow cell wraps before them. */
  protected readonly params = computed(() => {
    const params: Record<string, unknown> = { ...this.view().params, ...this.extra() };
    for (const [key, value] of Object.entries(params))
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))
        params[key] = value.replace(/-/g, '\u2011');
    return params;
  });
}
