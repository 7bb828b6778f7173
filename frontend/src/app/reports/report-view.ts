import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  linkedSignal,
  viewChild,
  output,
  signal,
} from '@angular/core';
import {
  FormControl,
  FormGroup,
  FormGroupDirective,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Observable } from 'rxjs';
import { toProblem, type Problem } from '../core/errors/problem';
import { I18n } from '../core/i18n/i18n.service';
import { Alert } from '../shared/ui/alert';
import { Badge, type BadgeTone } from '../shared/ui/badge';
import { DateTimePipe } from '../shared/ui/date-time.pipe';
import { EmptyState } from '../shared/ui/empty-state';
import { LabelPipe } from '../shared/ui/label.pipe';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { fileProblem, formatBytes, type UploadEvent } from './attachment-upload';
import { deadlineLines, formatDay } from './report-dates';
import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_MAX_BYTES,
  LIMITS,
  type AttachmentInfo,
  type CaseStatus,
  type IdentityDisclosure,
  type ReporterMessage,
  type ReporterReportView,
} from './report.models';

/** What the view needs from its page: the signed-in or the receipt-code API. */
export interface ReportViewActions {
  sendMessage(body: string): Promise<ReporterMessage>;
  upload(file: File): Observable<UploadEvent>;
  /** Download address of an attachment, when the reporter may download them. */
  attachmentUrl?(fileId: string): string;
}

export function statusTone(status: CaseStatus): BadgeTone {
  switch (status) {
    case 'registrerad':
    case 'bekraftad':
      return 'neutral';
    case 'under_bedomning':
    case 'utredning_pagar':
    case 'atgard_beslutad':
      return 'warning';
    case 'aterkoppling_lamnad':
    case 'avslutad':
      return 'success';
    case 'gallrad':
      return 'neutral';
  }
}

/**
 * A report as its reporter sees it: status and deadlines in plain words, identity disclosures
 * (signed-in reporters), the message thread with a reply box, and attachments with an upload.
 */
@Component({
  selector: 'varn-report-view',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    TranslocoPipe,
    Alert,
    Badge,
    DateTimePipe,
    EmptyState,
    LabelPipe,
    ProblemAlert,
  ],
  templateUrl: './report-view.html',
  styleUrl: './report-view.scss',
})
export class ReportView {
  private readonly i18n = inject(I18n);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  readonly report = input.required<ReporterReportView>();
  readonly disclosures = input<readonly IdentityDisclosure[]>([]);
  readonly actions = input.required<ReportViewActions>();
  /** Something was added (message or file): the page may reload. */
  readonly changed = output<void>();

  protected readonly limits = LIMITS;
  protected readonly accept = ATTACHMENT_ACCEPT;

  /** The report's lists, plus what was sent from this page since it arrived. */
  protected readonly messages = linkedSignal(() => [...this.report().messages]);
  protected readonly attachments = linkedSignal(() => [...this.report().attachments]);

  protected readonly statusTone = computed(() => statusTone(this.report().status));
  protected readonly deadlines = computed(() => {
    const lang = this.i18n.lang();
    return deadlineLines(this.report()).map((l) => ({
      key: l.key,
      day: l.day ? formatDay(l.day, lang) : '',
    }));
  });
  protected readonly closed = computed(() =>
    ['avslutad', 'gallrad'].includes(this.report().status),
  );

  // Reply
  protected readonly reply = new FormControl('', {
    nonNullable: true,
    validators: [
      Validators.required,
      Validators.maxLength(LIMITS.message),
      Validators.pattern(/\S/),
    ],
  });
  protected readonly replyForm = new FormGroup({ body: this.reply });
  private readonly replyDirective = viewChild(FormGroupDirective);
  protected readonly replyBusy = signal(false);
  protected readonly replyProblem = signal<Problem | null>(null);
  protected readonly replyStatus = signal('');

  // Upload
  protected readonly uploadProgress = signal<{ name: string; percent: number } | null>(null);
  protected readonly uploadProblem = signal<string | null>(null);
  protected readonly uploadStatus = signal('');

  protected readonly maxSize = computed(() => formatBytes(ATTACHMENT_MAX_BYTES, this.i18n.lang()));

  protected downloadUrl(fileId: string): string | null {
    const actions = this.actions();
    return actions.attachmentUrl ? actions.attachmentUrl(fileId) : null;
  }

  protected day(value: string): string {
    return formatDay(value, this.i18n.lang());
  }

  protected size(bytes: number): string {
    return formatBytes(bytes, this.i18n.lang());
  }

  protected async sendReply(): Promise<void> {
    if (this.replyBusy()) return;
    if (this.reply.invalid) {
      this.reply.markAsTouched();
      this.focus('#reply-body');
      return;
    }
    this.replyBusy.set(true);
    this.replyProblem.set(null);
    this.replyStatus.set('');
    try {
      const message = await this.actions().sendMessage(this.reply.value.trim());
      this.messages.update((list) => [...list, message]);
      // also forgets the submitted state, so the empty box does not show an error
      this.replyDirective()?.resetForm({ body: '' });
      this.replyStatus.set(this.i18n.t('report.view.replySent'));
      this.changed.emit();
    } catch (error) {
      // what was typed stays in the box
      this.replyProblem.set(toProblem(error));
    } finally {
      this.replyBusy.set(false);
    }
  }

  protected async addFiles(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const chosen = Array.from(input.files ?? []);
    input.value = '';
    this.uploadProblem.set(null);
    this.uploadStatus.set('');
    const added: string[] = [];
    for (const file of chosen) {
      const problem = fileProblem(file);
      if (problem) {
        this.uploadProblem.set(
          this.i18n.t(`report.files.problemNamed.${problem}`, {
            name: file.name,
            size: this.maxSize(),
          }),
        );
        continue;
      }
      this.uploadProgress.set({ name: file.name, percent: 0 });
      try {
        const attachment = await new Promise<AttachmentInfo>((resolve, reject) => {
          let done: AttachmentInfo | null = null;
          this.actions()
            .upload(file)
            .subscribe({
              next: (e) => {
                if (e.kind === 'progress')
                  this.uploadProgress.set({ name: file.name, percent: e.percent });
                else done = e.attachment;
              },
              error: reject,
              complete: () => (done ? resolve(done) : reject(new Error('no response'))),
            });
        });
        this.attachments.update((list) => [...list, attachment]);
        added.push(file.name);
      } catch (error) {
        const p = toProblem(error);
        this.uploadProblem.set(
          this.i18n.t('report.view.uploadFailed', {
            name: file.name,
            reason: this.i18n.has(`errors.${p.code}`) ? this.i18n.t(`errors.${p.code}`) : '',
          }),
        );
      }
    }
    this.uploadProgress.set(null);
    if (added.length) {
      this.uploadStatus.set(this.i18n.t('report.view.uploaded', { names: added.join(', ') }));
      this.changed.emit();
    }
    if (this.uploadProblem()) this.focus('.upload-problem');
  }

  private focus(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), {
      injector: this.injector,
    });
  }
}
