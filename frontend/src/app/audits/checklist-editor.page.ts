import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { toProblem, type Problem } from '../core/errors/problem';
import { I18n } from '../core/i18n/i18n.service';
import { Notifier } from '../core/notify/notifier.service';
import { Alert } from '../shared/ui/alert';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { AuditsService } from './audits.service';
import {
  CHECKLIST_LIMITS,
  addItem,
  addSection,
  editorIssues,
  fromChecklist,
  moveItem,
  moveSection,
  newChecklist,
  removeItem,
  removeSection,
  toRequest,
  updateItem,
  updateSection,
  type EditorIssue,
  type EditorItem,
  type EditorState,
} from './checklist-editor.model';

/**
 * `/uppfoljning/checklistor/ny[?fran=<id>]`: a new checklist, or the next version of one.
 * Sections and items are added, removed and moved with buttons (keyboard: focus stays on the
 * moved button); publishing creates the new version, and audits already started keep theirs.
 */
@Component({
  selector: 'varn-checklist-editor-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    TranslocoPipe,
    Alert,
    PageHeader,
    ProblemAlert,
  ],
  templateUrl: './checklist-editor.page.html',
  styles: `
    .sec {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 12px 16px;
      margin: 0 0 16px;
    }
    .sec > legend,
    .it > legend {
      font: var(--mat-sys-title-small);
      padding: 0 4px;
    }
    .it {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      padding: 8px 12px;
      margin: 8px 0;
      display: grid;
      gap: 8px;
    }
    .tools {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
      align-items: center;
    }
    .full {
      width: 100%;
    }
    .bottom {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin-top: 12px;
    }
  `,
})
export class ChecklistEditorPage {
  /** Query parameter: the version to revise. */
  readonly fran = input<string>();
  private readonly audits = inject(AuditsService);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly i18n = inject(I18n);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly limits = CHECKLIST_LIMITS;
  protected readonly state = signal<EditorState>(newChecklist());
  protected readonly baseVersion = signal<number | null>(null);
  protected readonly loading = signal(false);
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly showIssues = signal(false);
  protected readonly issues = computed(() => editorIssues(this.state()));
  protected readonly itemCount = computed(() =>
    this.state().sections.reduce((n, s) => n + s.items.length, 0),
  );
  /** Running number of the first item of each section. */
  protected readonly firstNumber = computed(() => {
    let n = 1;
    return this.state().sections.map((s) => {
      const first = n;
      n += s.items.length;
      return first;
    });
  });

  constructor() {
    effect(() => {
      const from = this.fran();
      if (from) void this.loadBase(from);
    });
  }

  private async loadBase(id: string): Promise<void> {
    this.loading.set(true);
    try {
      const c = await this.audits.checklist(id);
      this.state.set(fromChecklist(c));
      this.baseVersion.set(c.version);
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected setTitle(title: string): void {
    this.state.update((s) => ({ ...s, title }));
  }

  protected setSectionTitle(index: number, title: string): void {
    this.state.update((s) => updateSection(s, index, title));
  }

  protected setItem(section: number, item: number, patch: Partial<EditorItem>): void {
    this.state.update((s) => updateItem(s, section, item, patch));
  }

  protected addSection(): void {
    this.state.update(addSection);
    const index = this.state().sections.length - 1;
    this.focus(`[data-section="${index}"] input`);
  }

  protected removeSection(index: number): void {
    this.state.update((s) => removeSection(s, index));
    this.focus(`[data-section="${Math.max(0, index - 1)}"] legend`, '[data-add-section]');
  }

  protected moveSection(index: number, delta: -1 | 1): void {
    this.state.update((s) => moveSection(s, index, delta));
    const to = Math.min(Math.max(index + delta, 0), this.state().sections.length - 1);
    this.focus(
      `[data-section="${to}"] [data-move-section="${delta}"]`,
      `[data-section="${to}"] input`,
    );
  }

  protected addItem(section: number): void {
    this.state.update((s) => addItem(s, section));
    const item = this.state().sections[section].items.length - 1;
    this.focus(`[data-item="${section}-${item}"] textarea`);
  }

  protected removeItem(section: number, item: number): void {
    this.state.update((s) => removeItem(s, section, item));
    this.focus(`[data-section="${section}"] [data-add-item]`);
  }

  protected moveItem(section: number, item: number, delta: -1 | 1): void {
    const r = moveItem(this.state(), section, item, delta);
    this.state.set(r.state);
    this.focus(
      `[data-item="${r.section}-${r.item}"] [data-move-item="${delta}"]`,
      `[data-item="${r.section}-${r.item}"] textarea`,
    );
  }

  /** Keeps keyboard focus where the user is after the list re-renders. */
  private focus(selector: string, fallback?: string): void {
    afterNextRender(
      () => {
        const root = this.host.nativeElement;
        const el = root.querySelector<HTMLElement>(selector);
        const target =
          el && !(el as HTMLButtonElement).disabled
            ? el
            : fallback
              ? root.querySelector<HTMLElement>(fallback)
              : null;
        target?.focus();
      },
      { injector: this.injector },
    );
  }

  protected issueText(issue: EditorIssue): string {
    const field = 'field' in issue ? this.i18n.t(`audits.editor.fields.${issue.field}`) : '';
    return this.i18n.t(`audits.editor.issues.${issue.code}`, { ...issue, field });
  }

  protected async publish(): Promise<void> {
    if (this.issues().length) {
      this.showIssues.set(true);
      this.focus('#editor-issues');
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    try {
      const created = await this.audits.createChecklist(toRequest(this.state()));
      this.notifier.success('audits.editor.published', { version: created.version });
      await this.router.navigate(['/uppfoljning/checklistor', created.id]);
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.busy.set(false);
    }
  }
}
