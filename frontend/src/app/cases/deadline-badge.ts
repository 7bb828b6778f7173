import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { TranslocoPipe } from '@jsverse/transloco';
import { Badge } from '../shared/ui/badge';
import type { DeadlineView } from './deadline-view';

/** A deadline in words with an icon (colour is never the only signal). */
@Component({
  selector: 'varn-deadline-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, TranslocoPipe, Badge],
  template: `
    <varn-badge [tone]="view().tone">
      <mat-icon class="icon" [svgIcon]="view().icon" aria-hidden="true" />
      {{ key() | transloco: params() }}
    </varn-badge>
  `,
  styles: `
    .icon {
      width: 16px;
      height: 16px;
      font-size: 16px;
      vertical-align: -3px;
      margin-right: 2px;
    }
  `,
})
export class DeadlineBadge {
  readonly view = input.required<DeadlineView>();
  /** Translated parameters (e.g. the waiver reason) merged over the view's own. */
  readonly extra = input<Record<string, unknown>>({});
  protected readonly key = computed(() => `cases.${this.view().key}`);
  protected readonly params = computed(() => ({ ...this.view().params, ...this.extra() }));
}
