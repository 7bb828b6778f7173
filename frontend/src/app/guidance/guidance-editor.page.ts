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
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { toProblem, type Problem } from '../core/errors/problem';
import { applyServerErrors, serverError } from '../core/forms/server-errors';
import { I18n } from '../core/i18n/i18n.service';
import { Notifier } from '../core/notify/notifier.service';
import { Alert } from '../shared/ui/alert';
import { focusFirstInvalid } from '../shared/ui/focus-invalid';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import {
  GUIDANCE_CATEGORIES,
  GuidanceService,
  fileSize,
  type ArticleFields,
  type Attachment,
  type Draft,
} from './guidance.service';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * The editor (administrators): a new article, or the working copy of an existing one, as
 * Markdown with a preview rendered by the API's own renderer and sanitiser; save the draft,
 * publish it as the next version.
 */
@Component({
  selector: 'varn-guidance-editor-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoPipe,
    Alert,
    PageHeader,
    ProblemAlert,
  ],
  templateUrl: './guidance-editor.page.html',
  styles: `
    .columns {
      display: grid;
      gap: 16px 24px;
      grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
      align-items: start;
    }
    .fields {
      display: grid;
      gap: 8px;
    }
    textarea.markdown {
      font-family: ui-monospace, 'Roboto Mono', monospace;
      min-height: 24rem;
    }
    .attachment-list li {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      align-items: center;
    }
    label.upload {
      display: block;
      font-weight: 500;
      margin: 8px 0 4px;
    }
    .preview {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      padding: 8px 16px;
      background: var(--mat-sys-surface);
      line-height: 1.6;
      overflow-wrap: anywhere;
    }
  `,
})
export class GuidanceEditorPage {
  /** Route parameter; absent for a new article. */
  readonly slug = input<string>();

  private readonly guidance = inject(GuidanceService);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly i18n = inject(I18n);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly categories = GUIDANCE_CATEGORIES;
  protected readonly form = this.fb.group({
    slug: ['', [Validators.required, Validators.maxLength(100), Validators.pattern(SLUG)]],
    category: ['otillaten-paverkan', Validators.required],
    title: ['', [Validators.required, Validators.maxLength(200)]],
    summary: ['', [Validators.required, Validators.maxLength(300)]],
    body: ['', [Validators.required, Validators.maxLength(100_000)]],
    requiresAcknowledgement: [false],
  });
  protected readonly changeNote = this.fb.control('', Validators.maxLength(300));
  protected readonly draft = signal<Draft | null>(null);
  protected readonly previewHtml = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly extraMessages = signal<string[]>([]);
  protected readonly loadProblem = signal<Problem | null>(null);
  protected readonly isNew = computed(() => !this.slug());
  protected readonly attachments = signal<Attachment[]>([]);
  protected readonly uploading = signal(false);
  protected readonly attachmentProblem = signal<Problem | null>(null);
  protected readonly serverError = serverError;

  constructor() {
    effect(() => {
      const slug = this.slug();
      untracked(() => {
        if (slug) void this.load(slug);
        else this.form.controls.slug.enable();
      });
    });
  }

  private async load(slug: string): Promise<void> {
    this.busy.set(true);
    try {
      const [d, article] = await Promise.all([this.guidance.draft(slug), this.guidance.get(slug)]);
      this.draft.set(d);
      this.attachments.set(article.attachments);
      this.form.setValue({
        slug: d.slug,
        category: d.category,
        title: d.title,
        summary: d.summary,
        body: d.body,
        requiresAcknowledgement: d.requiresAcknowledgement,
      });
      this.form.controls.slug.disable();
      this.previewHtml.set(d.html);
    } catch (error) {
      this.loadProblem.set(toProblem(error));
    } finally {
      this.busy.set(false);
    }
  }

  protected async upload(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    const slug = this.slug();
    if (!file || !slug) return;
    this.uploading.set(true);
    this.attachmentProblem.set(null);
    try {
      const added = await this.guidance.addAttachment(slug, file);
      this.attachments.update((list) => [...list, added]);
      this.notifier.success('guidance.attachments.added');
    } catch (error) {
      this.attachmentProblem.set(toProblem(error));
    } finally {
      input.value = '';
      this.uploading.set(false);
    }
  }

  protected async removeAttachment(a: Attachment): Promise<void> {
    const slug = this.slug();
    if (!slug) return;
    this.attachmentProblem.set(null);
    try {
      await this.guidance.removeAttachment(slug, a.id);
      this.attachments.update((list) => list.filter((x) => x.id !== a.id));
      this.notifier.success('guidance.attachments.removed');
    } catch (error) {
      this.attachmentProblem.set(toProblem(error));
    }
  }

  protected size(bytes: number): string {
    return fileSize(bytes, this.i18n.lang());
  }

  protected async preview(): Promise<void> {
    this.problem.set(null);
    try {
      this.previewHtml.set((await this.guidance.preview(this.form.controls.body.value)).html);
    } catch (error) {
      this.problem.set(toProblem(error));
    }
  }

  private fields() {
    const v = this.form.getRawValue();
    return {
      category: v.category as ArticleFields['category'],
      title: v.title,
      summary: v.summary,
      body: v.body,
      requiresAcknowledgement: v.requiresAcknowledgement,
    };
  }

  /** Saves the draft (creates the article when new). Returns the saved draft, or null. */
  protected async save(): Promise<Draft | null> {
    if (this.busy()) return null;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement);
      return null;
    }
    this.busy.set(true);
    this.problem.set(null);
    this.extraMessages.set([]);
    try {
      const slug = this.slug();
      const saved = slug
        ? await this.guidance.saveDraft(slug, this.fields())
        : await this.guidance.create({ slug: this.form.controls.slug.value, ...this.fields() });
      this.draft.set(saved);
      this.previewHtml.set(saved.html);
      this.notifier.success('guidance.editor.saved');
      if (!slug)
        await this.router.navigate(['/stodmaterial', saved.slug, 'redigera'], { replaceUrl: true });
      return saved;
    } catch (error) {
      const problem = toProblem(error);
      this.extraMessages.set(applyServerErrors(this.form, problem, this.i18n));
      this.problem.set(problem);
      setTimeout(() => focusFirstInvalid(this.host.nativeElement));
      return null;
    } finally {
      this.busy.set(false);
    }
  }

  protected async publish(): Promise<void> {
    const slug = this.slug();
    if (!slug) return;
    if (this.form.dirty && !(await this.save())) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      await this.guidance.publish(slug, this.changeNote.value);
      this.notifier.success('guidance.editor.published');
      await this.router.navigate(['/stodmaterial', slug]);
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.busy.set(false);
    }
  }
}
