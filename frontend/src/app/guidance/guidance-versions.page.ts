import {
  ChangeDetectionStrategy,
  Component,
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
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { toProblem, type Problem } from '../core/errors/problem';
import { DateTimePipe } from '../shared/ui/date-time.pipe';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { GuidanceService, type ArticleDiff, type VersionList } from './guidance.service';

/** The published versions of an article and what changed between two of them. */
@Component({
  selector: 'varn-guidance-versions-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoPipe,
    DateTimePipe,
    PageHeader,
    ProblemAlert,
  ],
  templateUrl: './guidance-versions.page.html',
  styles: `
    table.versions {
      width: 100%;
      border-collapse: collapse;
    }
    table.versions th,
    table.versions td {
      text-align: left;
      padding: 6px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      vertical-align: top;
    }
    .pick {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: center;
    }
    .diff {
      font-family: ui-monospace, 'Roboto Mono', monospace;
      font-size: 0.9rem;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      padding: 8px 12px;
      background: var(--mat-sys-surface);
    }
    .diff ins,
    .words ins {
      background: #dff3e4;
      color: #14401f;
      text-decoration: underline;
    }
    .diff del,
    .words del {
      background: #fbe3e3;
      color: #6b1111;
      text-decoration: line-through;
    }
    .sign {
      font-weight: 700;
    }
  `,
})
export class GuidanceVersionsPage {
  readonly slug = input.required<string>();

  private readonly guidance = inject(GuidanceService);

  protected readonly list = signal<VersionList | null>(null);
  protected readonly diff = signal<ArticleDiff | null>(null);
  protected readonly from = signal(1);
  protected readonly to = signal(1);
  protected readonly loading = signal(false);
  protected readonly problem = signal<Problem | null>(null);

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
      const list = await this.guidance.versions(slug);
      this.list.set(list);
      const newest = list.versions[0]?.version ?? 1;
      this.to.set(newest);
      this.from.set(Math.max(1, newest - 1));
      if (newest > 1) await this.compare();
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected async compare(): Promise<void> {
    this.problem.set(null);
    try {
      this.diff.set(await this.guidance.diff(this.slug(), this.from(), this.to()));
    } catch (error) {
      this.problem.set(toProblem(error));
    }
  }

  /** Lines of a body part, so each shows its own +/− sign. */
  protected lines(text: string): string[] {
    return text.replace(/\n$/, '').split('\n');
  }
}
