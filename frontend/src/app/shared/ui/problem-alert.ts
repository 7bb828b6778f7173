import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { problemMessage } from '../../core/errors/error-messages';
import type { Problem } from '../../core/errors/problem';
import { I18n } from '../../core/i18n/i18n.service';
import { Alert } from './alert';

/** Shows what went wrong with a request, in words a person can act on. */
@Component({
  selector: 'varn-problem-alert',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Alert],
  template: `
    @if (message(); as message) {
      <varn-alert kind="error">
        <p>{{ message }}</p>
        @for (extra of extraMessages(); track $index) {
          <p>{{ extra }}</p>
        }
        <ng-content />
      </varn-alert>
    }
  `,
})
export class ProblemAlert {
  private readonly i18n = inject(I18n);
  readonly problem = input<Problem | null>(null);
  /** Messages that belong to no field of the form. */
  readonly extraMessages = input<readonly string[]>([]);

  protected readonly message = computed(() => {
    this.i18n.lang();
    const problem = this.problem();
    return problem ? problemMessage(problem, this.i18n) : null;
  });
}
