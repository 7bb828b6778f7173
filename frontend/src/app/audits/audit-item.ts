import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { TranslocoPipe } from '@jsverse/transloco';
import { toProblem, type Problem } from '../core/errors/problem';
import { I18n } from '../core/i18n/i18n.service';
import { fileProblem as reportFileProblem, formatBytes } from '../reports/attachment-upload';
import { DateTimePipe } from '../shared/ui/date-time.pipe';
import { ProblemAlert } from '../shared/ui/problem-alert';
import {
  AUDIT_ANSWERS,
  EVIDENCE_ACCEPT,
  EVIDENCE_EXTENSIONS,
  EVIDENCE_MAX_BYTES,
  TEXT_MAX,
  type AnswerDto,
  type AuditAnswer,
  type ChecklistItemDto,
  type EditConflict,
} from './audits.models';
import { AuditsService } from './audits.service';
import { todayIso } from './audit-dates';
import { DateField } from './date-field';

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed' | 'conflict';

interface Values {
  answer: AuditAnswer | null;
  note: string;
  checkedOn: string | null;
}

interface Upload {
  name: string;
  percent: number;
  error: string | null;
}

/** Reads the `edit_conflict` body (current and yours) from a 409, or null for any other error. */
export function editConflict(error: unknown): EditConflict | null {
  if (!(error instanceof HttpErrorResponse) || error.status !== 409) return null;
  const body = error.error as Partial<EditConflict> & { code?: string };
  if (body?.code !== 'edit_conflict' || !body.current) return null;
  return body as EditConflict;
}

/** What the browser can tell about an evidence file before sending it. */
export function evidenceFileProblem(file: File): 'type' | 'size' | 'empty' | null {
  const ext = file.name.includes('.') ? file.name.split('.').pop()!.toLowerCase() : '';
  if (!EVIDENCE_EXTENSIONS.includes(ext)) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > EVIDENCE_MAX_BYTES) return 'size';
  return reportFileProblem(file) === 'type' ? 'type' : null;
}

/**
 * One checklist item of a running audit: the question, its guidance and expected evidence, the
 * answer, note, date checked and attachments. Every change is saved at once with the item's
 * version; when someone else saved first (409 `edit_conflict`) both values are shown and the user
 * keeps theirs or takes the other's.
 */
@Component({
  selector: 'varn-audit-item',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    TranslocoPipe,
    DateField,
    DateTimePipe,
    ProblemAlert,
  ],
  template: `
    <article class="item" [attr.aria-labelledby]="'item-' + item().id" [attr.data-item]="item().id">
      <h3 class="item-title" [id]="'item-' + item().id" tabindex="-1">
        <span class="num">{{ item().number }}.</span> {{ item().text }}
      </h3>
      <details class="guide">
        <summary>{{ 'audits.run.guidance' | transloco }}</summary>
        <p>{{ item().guidance }}</p>
        <p>
          <strong>{{ 'audits.run.evidenceExpected' | transloco }}</strong> {{ item().evidence }}
        </p>
      </details>

      <mat-radio-group
        class="answers"
        [attr.aria-labelledby]="'item-' + item().id + ' ans-' + item().id"
        [value]="values().answer"
        [disabled]="readOnly()"
        (change)="change({ answer: $event.value })"
      >
        <span class="visually-hidden" [id]="'ans-' + item().id">{{
          'audits.run.answerLabel' | transloco
        }}</span>
        @for (a of answers; track a) {
          <mat-radio-button [value]="a">{{ 'audits.answers.' + a | transloco }}</mat-radio-button>
        }
      </mat-radio-group>

      <div class="fields">
        <mat-form-field appearance="outline" subscriptSizing="dynamic" class="note">
          <mat-label>{{ 'audits.run.note' | transloco }}</mat-label>
          <textarea
            matInput
            rows="2"
            [maxLength]="textMax"
            [value]="values().note"
            [readonly]="readOnly()"
            (input)="draftNote.set($any($event.target).value)"
            (blur)="commitNote()"
          ></textarea>
        </mat-form-field>
        <varn-date-field
          [label]="'audits.run.checkedOn' | transloco"
          [value]="values().checkedOn"
          [readOnly]="readOnly()"
          [max]="today"
          (valueChange)="change({ checkedOn: $event })"
        />
      </div>

      <div class="files">
        @if (attachments().length) {
          <ul class="file-list" [attr.aria-label]="'audits.run.attachments' | transloco">
            @for (f of attachments(); track f.id) {
              <li>
                <mat-icon svgIcon="attach_file" aria-hidden="true" />
                <a [href]="attachmentUrl(f.id)" target="_blank" rel="noopener">{{ f.fileName }}</a>
                <span class="muted">({{ size(f.size) }})</span>
              </li>
            }
          </ul>
        }
        @for (u of uploads(); track $index) {
          <div class="upload">
            <span>{{ u.name }}</span>
            @if (u.error) {
              <span class="error" role="alert">{{ u.error }}</span>
            } @else {
              <mat-progress-bar
                mode="determinate"
                [value]="u.percent"
                [attr.aria-label]="'audits.run.uploading' | transloco: { name: u.name }"
              />
            }
          </div>
        }
        @if (!readOnly()) {
          <input
            #file
            type="file"
            class="visually-hidden"
            tabindex="-1"
            aria-hidden="true"
            [accept]="accept"
            multiple
            [attr.data-testid]="'file-' + item().id"
            (change)="pick($any($event.target))"
          />
          <button mat-stroked-button type="button" (click)="file.click()">
            <mat-icon svgIcon="attach_file" />
            {{ 'audits.run.addFile' | transloco }}
          </button>
          <span class="muted hint">{{ 'audits.run.fileHint' | transloco }}</span>
        }
      </div>

      @if (conflict(); as c) {
        <div class="conflict" role="alert">
          <p class="conflict-title">
            <mat-icon svgIcon="warning" aria-hidden="true" />
            {{
              'audits.conflict.message'
                | transloco
                  : {
                      name: c.current.updatedBy?.name ?? ('audits.conflict.someone' | transloco),
                      time: (c.current.updatedAt | varnDateTime),
                    }
            }}
          </p>
          <div class="conflict-grid">
            <div>
              <h4>{{ 'audits.conflict.theirs' | transloco }}</h4>
              <dl>
                <dt>{{ 'audits.run.answerLabel' | transloco }}</dt>
                <dd>{{ answerText(c.current.answer) }}</dd>
                <dt>{{ 'audits.run.note' | transloco }}</dt>
                <dd class="pre">{{ c.current.note || ('audits.conflict.empty' | transloco) }}</dd>
                <dt>{{ 'audits.run.checkedOn' | transloco }}</dt>
                <dd>{{ c.current.checkedOn || ('audits.conflict.empty' | transloco) }}</dd>
              </dl>
            </div>
            <div>
              <h4>{{ 'audits.conflict.yours' | transloco }}</h4>
              <dl>
                <dt>{{ 'audits.run.answerLabel' | transloco }}</dt>
                <dd>{{ answerText(c.yours.answer) }}</dd>
                <dt>{{ 'audits.run.note' | transloco }}</dt>
                <dd class="pre">{{ c.yours.note || ('audits.conflict.empty' | transloco) }}</dd>
                <dt>{{ 'audits.run.checkedOn' | transloco }}</dt>
                <dd>{{ c.yours.checkedOn || ('audits.conflict.empty' | transloco) }}</dd>
              </dl>
            </div>
          </div>
          <div class="row">
            <button mat-flat-button type="button" (click)="keepMine()">
              {{ 'audits.conflict.keepMine' | transloco }}
            </button>
            <button mat-stroked-button type="button" (click)="takeTheirs()">
              {{ 'audits.conflict.takeTheirs' | transloco }}
            </button>
          </div>
        </div>
      }
      <varn-problem-alert [problem]="problem()" />
      <div class="meta">
        @if (state() === 'saving') {
          <span class="muted">{{ 'audits.run.itemSaving' | transloco }}</span>
        } @else if (current().updatedBy; as by) {
          <span class="muted">{{
            'audits.run.lastSaved'
              | transloco: { name: by.name, time: (current().updatedAt | varnDateTime) }
          }}</span>
        }
        <ng-content />
      </div>
    </article>
  `,
  styles: `
    .item {
      padding: 12px 0 16px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .item-title {
      scroll-margin-top: 96px;
      font: var(--mat-sys-title-medium);
      margin: 0 0 4px;
    }
    .num {
      color: var(--mat-sys-on-surface-variant);
    }
    .guide {
      margin: 4px 0 8px;
    }
    .guide summary {
      cursor: pointer;
      color: var(--mat-sys-primary);
      width: fit-content;
    }
    .guide p {
      margin: 4px 0;
    }
    .answers {
      display: flex;
      flex-wrap: wrap;
      gap: 0 8px;
      margin-bottom: 8px;
    }
    .fields {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
    }
    .note {
      flex: 1 1 320px;
    }
    .files {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      margin-top: 8px;
    }
    .file-list {
      list-style: none;
      padding: 0;
      margin: 0;
      width: 100%;
    }
    .file-list li {
      display: flex;
      align-items: center;
      gap: 4px;
    }
    .upload {
      width: 100%;
      display: grid;
      gap: 4px;
    }
    .error {
      color: #8c1d18;
    }
    .hint {
      font: var(--mat-sys-body-small);
    }
    .conflict {
      margin-top: 12px;
      padding: 12px 16px;
      border: 2px solid #a36600;
      border-radius: 8px;
      background: #fff4e0;
      color: #3b2400;
    }
    .conflict-title {
      display: flex;
      gap: 8px;
      align-items: flex-start;
      font-weight: 600;
    }
    .conflict-grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(220px, 1fr));
      gap: 12px;
    }
    .conflict h4 {
      margin: 4px 0;
    }
    .conflict dl {
      margin: 0;
    }
    .conflict dt {
      font-weight: 600;
    }
    .conflict dd {
      margin: 0 0 4px;
    }
    .pre {
      white-space: pre-wrap;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      margin-top: 8px;
    }
  `,
})
export class AuditItem {
  private readonly audits = inject(AuditsService);
  private readonly i18n = inject(I18n);

  readonly auditId = input.required<string>();
  readonly item = input.required<ChecklistItemDto>();
  readonly answer = input.required<AnswerDto>();
  readonly readOnly = input(false);
  /** The saved answer (new version), for the page's progress and completeness. */
  readonly saved = output<AnswerDto>();
  readonly stateChange = output<SaveState>();

  protected readonly answers = AUDIT_ANSWERS;
  protected readonly accept = EVIDENCE_ACCEPT;
  protected readonly textMax = TEXT_MAX;
  protected readonly today = todayIso();

  /** The last answer the server confirmed. */
  protected readonly current = signal<AnswerDto>({
    itemId: '',
    answer: null,
    note: '',
    checkedOn: null,
    version: 0,
    updatedBy: null,
    attachments: [],
  });
  /** What the user sees (their values, saved or being saved). */
  protected readonly values = signal<Values>({ answer: null, note: '', checkedOn: null });
  protected readonly draftNote = signal<string | null>(null);
  protected readonly state = signal<SaveState>('idle');
  protected readonly conflict = signal<EditConflict | null>(null);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly uploads = signal<Upload[]>([]);
  protected readonly attachments = computed(() => this.current().attachments);
  private pending: Promise<void> = Promise.resolve();

  constructor() {
    effect(() => {
      const a = this.answer();
      untracked(() => {
        // a newer answer from the page (reload) replaces ours unless we are mid-save
        if (this.state() === 'saving' || a.version < this.current().version) return;
        this.current.set(a);
        this.values.set({ answer: a.answer, note: a.note ?? '', checkedOn: a.checkedOn });
      });
    });
  }

  protected change(patch: Partial<Values>): void {
    if (this.readOnly()) return;
    this.values.update((v) => ({ ...v, ...patch }));
    this.queueSave();
  }

  protected commitNote(): void {
    const note = this.draftNote();
    if (note === null || note === this.values().note) return;
    this.draftNote.set(null);
    this.change({ note });
  }

  /** Saves after any save already under way (one request at a time per item). */
  private queueSave(): void {
    this.pending = this.pending.then(() => this.save());
  }

  private async save(version = this.current().version): Promise<void> {
    const v = this.values();
    const c = this.current();
    if (
      version === c.version &&
      v.answer === c.answer &&
      v.note === (c.note ?? '') &&
      v.checkedOn === c.checkedOn &&
      !this.conflict()
    )
      return;
    this.setState('saving');
    this.problem.set(null);
    try {
      const saved = await this.audits.answer(this.auditId(), this.item().id, {
        answer: v.answer,
        note: v.note,
        checkedOn: v.checkedOn,
        version,
      });
      this.current.set({ ...saved, attachments: saved.attachments ?? c.attachments });
      this.conflict.set(null);
      this.setState('saved');
      this.saved.emit(this.current());
    } catch (error) {
      const conflict = editConflict(error);
      if (conflict) {
        this.conflict.set(conflict);
        this.setState('conflict');
      } else {
        this.problem.set(toProblem(error));
        this.setState('failed');
      }
    }
  }

  /** Saves the user's values over the other person's (on the version now stored). */
  protected keepMine(): void {
    const c = this.conflict();
    if (!c) return;
    this.values.set({ ...c.yours, note: c.yours.note ?? '' });
    this.pending = this.pending.then(() => this.save(c.current.version));
  }

  /** Drops the user's values and shows what the other person saved. */
  protected takeTheirs(): void {
    const c = this.conflict();
    if (!c) return;
    const theirs: AnswerDto = {
      ...this.current(),
      answer: c.current.answer,
      note: c.current.note ?? '',
      checkedOn: c.current.checkedOn,
      version: c.current.version,
      updatedBy: c.current.updatedBy,
      updatedAt: c.current.updatedAt,
    };
    this.current.set(theirs);
    this.values.set({ answer: theirs.answer, note: theirs.note, checkedOn: theirs.checkedOn });
    this.conflict.set(null);
    this.setState('saved');
    this.saved.emit(theirs);
  }

  protected pick(input: HTMLInputElement): void {
    const files = Array.from(input.files ?? []);
    input.value = '';
    for (const file of files) this.upload(file);
  }

  private upload(file: File): void {
    const index = this.uploads().length;
    const problem = evidenceFileProblem(file);
    this.uploads.update((u) => [
      ...u,
      {
        name: file.name,
        percent: 0,
        error: problem ? this.i18n.t(`audits.run.fileProblems.${problem}`) : null,
      },
    ]);
    if (problem) return;
    const patch = (p: Partial<Upload>): void =>
      this.uploads.update((u) => u.map((x, i) => (i === index ? { ...x, ...p } : x)));
    this.setState('saving');
    this.audits.uploadEvidence(this.auditId(), this.item().id, file).subscribe({
      next: (e) => {
        if (e.kind === 'progress') {
          patch({ percent: e.percent });
          return;
        }
        const attachment = e.attachment as unknown as AnswerDto['attachments'][number];
        this.current.update((c) => ({ ...c, attachments: [...c.attachments, attachment] }));
        this.uploads.update((u) => u.filter((_, i) => i !== index));
        this.setState('saved');
        this.saved.emit(this.current());
      },
      error: (error: unknown) => {
        patch({ error: this.i18n.t('audits.run.uploadFailed', { name: file.name }) });
        this.problem.set(toProblem(error));
        this.setState('failed');
      },
    });
  }

  protected attachmentUrl(fileId: string): string {
    return this.audits.attachmentUrl(this.auditId(), fileId);
  }

  protected size(bytes: number): string {
    return formatBytes(bytes, this.i18n.lang());
  }

  protected answerText(answer: AuditAnswer | null): string {
    return answer
      ? this.i18n.t(`audits.answers.${answer}`)
      : this.i18n.t('audits.conflict.noAnswer');
  }

  private setState(state: SaveState): void {
    this.state.set(state);
    this.stateChange.emit(state);
  }
}
