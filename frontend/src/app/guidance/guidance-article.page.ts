import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
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
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionService } from '../core/auth/session.service';
import { toProblem, type Problem } from '../core/errors/problem';
import { Notifier } from '../core/notify/notifier.service';
import { Alert } from '../shared/ui/alert';
import { Badge } from '../shared/ui/badge';
import { DateTimePipe } from '../shared/ui/date-time.pipe';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { I18n } from '../core/i18n/i18n.service';
import { fileSize, GuidanceService, type Article } from './guidance.service';

/**
 * One article: the body (HTML sanitised by the API, bound through Angular's sanitising
 * [innerHTML]), "Läst och förstått" when the article asks for it, and links to the history,
 * the coverage (managers) and the editor (administrators).
 */
@Component({
  selector: 'varn-guidance-article-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslocoPipe,
    Alert,
    Badge,
    DateTimePipe,
    PageHeader,
    ProblemAlert,
  ],
  // links in the article body (keyboard activation fires click too) open inside the app
  host: { '(click)': 'followLink($event)' },
  templateUrl: './guidance-article.page.html',
  styles: `
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      align-items: center;
      color: var(--mat-sys-on-surface-variant);
      margin-bottom: 16px;
    }
    .body {
      max-width: 72ch;
      line-height: 1.6;
    }
    .body ::ng-deep h2 {
      margin-top: 1.5em;
    }
    .body ::ng-deep table {
      border-collapse: collapse;
    }
    .body ::ng-deep th,
    .body ::ng-deep td {
      border: 1px solid var(--mat-sys-outline-variant);
      padding: 4px 8px;
    }
    .body ::ng-deep a {
      color: var(--mat-sys-primary);
    }
    .ack {
      max-width: 72ch;
    }
    .ack:focus-visible {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: 2px;
    }
    .links {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
  `,
})
export class GuidanceArticlePage {
  /** Route parameter. */
  readonly slug = input.required<string>();

  private readonly guidance = inject(GuidanceService);
  private readonly session = inject(SessionService);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly article = signal<Article | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadProblem = signal<Problem | null>(null);
  protected readonly busy = signal(false);
  protected readonly ackProblem = signal<Problem | null>(null);
  protected readonly canEdit = computed(() => this.session.can('update', 'GuidanceArticle'));
  protected readonly canSeeCoverage = computed(() => this.session.can('read', 'GuidanceCoverage'));

  constructor() {
    effect(() => {
      const slug = this.slug();
      untracked(() => void this.load(slug));
    });
  }

  private async load(slug: string): Promise<void> {
    this.loading.set(true);
    this.loadProblem.set(null);
    this.ackProblem.set(null);
    try {
      this.article.set(await this.guidance.get(slug));
    } catch (error) {
      this.article.set(null);
      this.loadProblem.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected async acknowledge(): Promise<void> {
    const a = this.article();
    if (!a?.version || this.busy()) return;
    this.busy.set(true);
    this.ackProblem.set(null);
    try {
      const state = await this.guidance.acknowledge(a.slug, a.version);
      this.article.set({ ...a, acknowledged: true, acknowledgement: state });
      this.notifier.success('guidance.ack.done');
      // the button is gone: focus moves to the confirmation that replaced the request
      setTimeout(() => this.host.nativeElement.querySelector<HTMLElement>('#ack-state')?.focus());
    } catch (error) {
      const problem = toProblem(error);
      this.ackProblem.set(problem);
      // a newer version was published meanwhile: show it, so the reader reads that one
      if (problem.code === 'edit_conflict') await this.load(a.slug);
      this.ackProblem.set(problem);
    } finally {
      this.busy.set(false);
    }
  }

  protected attachmentUrl(fileId: string): string {
    return this.guidance.attachmentUrl(this.slug(), fileId);
  }

  protected size(bytes: number): string {
    return fileSize(bytes, this.i18n.lang());
  }

  /** Links inside the article to other pages of Värn open in the app, not as a new page load. */
  protected followLink(event: MouseEvent): void {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey)
      return;
    const link = (event.target as HTMLElement | null)?.closest('article.body a');
    const href = link?.getAttribute('href');
    if (!href?.startsWith('/') || href.startsWith('//')) return;
    event.preventDefault();
    void this.router.navigateByUrl(href.replace(/^\/vagledning\//, '/stodmaterial/'));
  }
}
