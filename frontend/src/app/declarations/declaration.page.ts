import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionService } from '../core/auth/session.service';
import { toProblem, type Problem } from '../core/errors/problem';
import { Notifier } from '../core/notify/notifier.service';
import { Badge } from '../shared/ui/badge';
import { DateTimePipe } from '../shared/ui/date-time.pipe';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { JAV_HANDLING, stateTone, type JavHandling } from './declaration-labels';
import { DeclarationsService, type DeclarationDto } from './declarations.service';

/** One declaration: what was declared, its validity and version, and the manager's decision. */
@Component({
  selector: 'varn-declaration-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    TranslocoPipe,
    Badge,
    DateTimePipe,
    PageHeader,
    ProblemAlert,
  ],
  templateUrl: './declaration.page.html',
  styleUrls: ['../shared/ui/decision-page.css'],
  styles: `
    ul.interests li {
      margin-bottom: 8px;
    }
  `,
})
export class DeclarationPage {
  readonly id = input.required<string>();
  private readonly declarations = inject(DeclarationsService);
  private readonly session = inject(SessionService);
  private readonly notifier = inject(Notifier);

  protected readonly handlings = JAV_HANDLING;
  protected readonly tone = stateTone;
  protected readonly declaration = signal<DeclarationDto | null>(null);
  protected readonly loading = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly handling = signal<JavHandling | null>(null);
  protected readonly motivation = signal('');
  protected readonly tried = signal(false);
  protected readonly busy = signal(false);
  protected readonly decideProblem = signal<Problem | null>(null);
  protected readonly mine = computed(() => this.declaration()?.userId === this.session.user()?.id);

  constructor() {
    effect(() => void this.load(this.id()));
  }

  private async load(id: string): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      const d = await this.declarations.get(id);
      this.declaration.set(d);
      this.handling.set(null);
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected async decide(): Promise<void> {
    this.tried.set(true);
    const handling = this.handling();
    if (!handling || !this.motivation().trim()) return;
    this.busy.set(true);
    this.decideProblem.set(null);
    try {
      this.declaration.set(
        await this.declarations.decide(this.id(), {
          handling,
          motivation: this.motivation().trim(),
        }),
      );
      this.notifier.success('declarations.decision.saved');
    } catch (error) {
      this.decideProblem.set(toProblem(error));
    } finally {
      this.busy.set(false);
    }
  }
}
