import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { problemMessage } from '../core/errors/error-messages';
import { toProblem, type Problem } from '../core/errors/problem';
import { I18n } from '../core/i18n/i18n.service';
import { Alert } from '../shared/ui/alert';

/** One write on the case page: its progress and what went wrong (the form keeps its input). */
export class Work {
  readonly busy = signal(false);
  readonly problem = signal<Problem | null>(null);

  /** Runs the write once at a time; resolves true when it succeeded. */
  async run(write: () => Promise<unknown>): Promise<boolean> {
    if (this.busy()) return false;
    this.busy.set(true);
    this.problem.set(null);
    try {
      await write();
      return true;
    } catch (error) {
      this.problem.set(toProblem(error));
      return false;
    } finally {
      this.busy.set(false);
    }
  }
}

/** The translated reasons of a problem's field errors (see `CaseProblem`). */
export function fieldReasons(
  problem: Problem | null,
  i18n: { has(key: string): boolean; t(key: string): string },
): string[] {
  const out: string[] = [];
  for (const error of problem?.errors ?? []) {
    for (const message of error.messages) {
      const key = `cases.errors.fields.${message}`;
      if (/^[a-z_]+$/.test(message)) {
        if (i18n.has(key)) out.push(i18n.t(key));
      } else if (!/^[a-z_]+->[a-z_]+$/.test(message)) out.push(message);
    }
  }
  return [...new Set(out)];
}

/**
 * A problem from a case route, in words: the case pages' own codes (`cases.errors.<code>`, such
 * as `close_blocked`), else the app-wide message (`errors.<code>`, the server's detail).
 */
@Component({
  selector: 'varn-case-problem',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Alert],
  template: `
    @if (message(); as message) {
      <varn-alert kind="error">
        <p>{{ message }}</p>
        @for (field of fields(); track $index) {
          <p>{{ field }}</p>
        }
        <ng-content />
      </varn-alert>
    }
  `,
})
export class CaseProblem {
  private readonly i18n = inject(I18n);
  readonly problem = input<Problem | null>(null);

  protected readonly message = computed(() => {
    this.i18n.lang();
    const problem = this.problem();
    if (!problem) return null;
    const key = `cases.errors.${problem.code}`;
    return this.i18n.has(key)
      ? this.i18n.t(key, { detail: problem.detail ?? '' })
      : problemMessage(problem, this.i18n);
  });

  /**
   * The reasons the server gave per field: a known reason code (`acknowledgement_open`,
   * `not_a_handler_for_unit`) in words; other text as sent; unknown codes are left to the message.
   */
  protected readonly fields = computed(() => {
    this.i18n.lang();
    return fieldReasons(this.problem(), this.i18n);
  });
}
