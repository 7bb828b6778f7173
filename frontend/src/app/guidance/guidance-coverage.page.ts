import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionService } from '../core/auth/session.service';
import { toProblem, type Problem } from '../core/errors/problem';
import { Notifier } from '../core/notify/notifier.service';
import { Alert } from '../shared/ui/alert';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { GuidanceService, type Article, type Coverage } from './guidance.service';

/**
 * "Läst och förstått" in the reader's scope: the share of people who confirmed the current
 * version, who has not, and (managers) a reminder to them.
 */
@Component({
  selector: 'varn-guidance-coverage-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslocoPipe,
    Alert,
    PageHeader,
    ProblemAlert,
  ],
  templateUrl: './guidance-coverage.page.html',
  styles: `
    .share {
      font: var(--mat-sys-headline-small);
      margin: 0 0 8px;
    }
    .bar {
      max-width: 480px;
      height: 12px;
      border-radius: 6px;
    }
    table.people {
      width: 100%;
      max-width: 720px;
      border-collapse: collapse;
    }
    table.people th,
    table.people td {
      text-align: left;
      padding: 6px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
  `,
})
export class GuidanceCoveragePage {
  readonly slug = input.required<string>();

  private readonly guidance = inject(GuidanceService);
  private readonly session = inject(SessionService);
  private readonly notifier = inject(Notifier);

  protected readonly article = signal<Article | null>(null);
  protected readonly coverage = signal<Coverage | null>(null);
  protected readonly missing = signal<Coverage['missing']>([]);
  protected readonly loading = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly reminding = signal(false);
  protected readonly reminded = signal<number | null>(null);
  protected readonly canRemind = computed(() => this.session.can('update', 'GuidanceCoverage'));

  constructor() {
    effect(() => {
      const slug = this.slug();
      untracked(() => void this.load(slug));
    });
  }

  private async load(slug: string): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      const [article, coverage] = await Promise.all([
        this.guidance.get(slug),
        this.guidance.coverage(slug),
      ]);
      this.article.set(article);
      this.coverage.set(coverage);
      this.missing.set(coverage.missing);
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected async more(): Promise<void> {
    const cursor = this.coverage()?.nextCursor;
    if (!cursor || this.loading()) return;
    this.loading.set(true);
    try {
      const page = await this.guidance.coverage(this.slug(), cursor);
      this.coverage.set(page);
      this.missing.update((m) => [...m, ...page.missing]);
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected async remind(): Promise<void> {
    if (this.reminding()) return;
    this.reminding.set(true);
    this.problem.set(null);
    try {
      const { notified } = await this.guidance.remind(this.slug());
      this.reminded.set(notified);
      this.notifier.success('guidance.coverage.reminded', { count: notified });
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.reminding.set(false);
    }
  }
}
