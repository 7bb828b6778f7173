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
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionService } from '../core/auth/session.service';
import { toProblem, type Problem } from '../core/errors/problem';
import { Badge } from '../shared/ui/badge';
import { EmptyState } from '../shared/ui/empty-state';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { GuidanceExcerpt } from './guidance-excerpt';
import {
  GUIDANCE_CATEGORIES,
  GuidanceService,
  type ArticleSummary,
  type GuidanceList,
} from './guidance.service';

/** The guidance library: articles by category, or ranked search results with excerpts. */
@Component({
  selector: 'varn-guidance-library-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    TranslocoPipe,
    Badge,
    EmptyState,
    GuidanceExcerpt,
    PageHeader,
    ProblemAlert,
  ],
  templateUrl: './guidance-library.page.html',
  styles: `
    .search-form {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 12px;
      align-items: flex-start;
    }
    .search-form mat-form-field {
      flex: 1 1 280px;
      max-width: 560px;
    }
    .search-form button {
      margin-top: 8px;
    }
    ul.articles {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: 12px;
    }
    ul.articles li {
      padding: 12px 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      background: var(--mat-sys-surface);
    }
    .title-line {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 8px;
      align-items: baseline;
    }
    .title-line a {
      font: var(--mat-sys-title-medium);
    }
    .summary,
    .excerpt {
      margin: 4px 0 0;
    }
    .excerpt {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class GuidanceLibraryPage {
  /** Query parameter `q`: the search words. */
  readonly q = input<string>();

  private readonly guidance = inject(GuidanceService);
  private readonly router = inject(Router);
  private readonly session = inject(SessionService);

  protected readonly text = signal('');
  protected readonly result = signal<GuidanceList | null>(null);
  protected readonly loading = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly canCreate = computed(() => this.session.can('create', 'GuidanceArticle'));

  /** Articles grouped by category, in the taxonomy's order. */
  protected readonly groups = computed(() => {
    const items = this.result()?.items ?? [];
    return GUIDANCE_CATEGORIES.map((category) => ({
      category,
      items: items.filter((a) => a.category === category),
    })).filter((g) => g.items.length);
  });
  protected readonly searching = computed(() => !!this.result()?.q);
  private requestNo = 0;

  constructor() {
    effect(() => {
      const q = this.q() ?? '';
      untracked(() => {
        this.text.set(q);
        void this.load(q);
      });
    });
  }

  private async load(q: string): Promise<void> {
    const no = ++this.requestNo;
    this.loading.set(true);
    this.problem.set(null);
    try {
      const result = await this.guidance.list(q);
      if (no === this.requestNo) this.result.set(result);
    } catch (error) {
      if (no === this.requestNo) this.problem.set(toProblem(error));
    } finally {
      if (no === this.requestNo) this.loading.set(false);
    }
  }

  protected search(): void {
    const q = this.text().trim();
    void this.router.navigate([], { queryParams: { q: q || null } });
  }

  protected clear(): void {
    this.text.set('');
    void this.router.navigate([], { queryParams: { q: null } });
  }

  protected ackState(a: ArticleSummary): 'done' | 'todo' | null {
    if (!a.requiresAcknowledgement || a.status !== 'published') return null;
    return a.acknowledged ? 'done' : 'todo';
  }
}
