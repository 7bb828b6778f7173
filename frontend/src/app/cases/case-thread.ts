import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe } from '@jsverse/transloco';
import { Notifier } from '../core/notify/notifier.service';
import { DateTimePipe } from '../shared/ui/date-time.pipe';
import type { CaseDetail } from './cases.models';
import { CasesService } from './cases.service';
import { CaseProblem, Work } from './case-work';

export const MESSAGE_MAX = 10000;

/**
 * The two conversations of a case, kept visibly apart: the thread with the reporter (they read
 * it) and the handlers' internal notes (the reporter never does).
 */
@Component({
  selector: 'varn-case-thread',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    TranslocoPipe,
    CaseProblem,
    DateTimePipe,
  ],
  template: `
    <section class="section" aria-labelledby="thread-heading">
      <h2 id="thread-heading">{{ 'cases.thread.heading' | transloco }}</h2>
      <p class="muted">
        {{
          (detail().confidentiality === 'anonymous'
            ? 'cases.thread.leadAnonymous'
            : 'cases.thread.lead'
          ) | transloco
        }}
      </p>
      @if (detail().messages.length) {
        <ol class="messages">
          @for (m of detail().messages; track m.id) {
            <li [class.from-reporter]="m.from === 'reporter'">
              <p class="meta">
                <strong>
                  @if (m.from === 'reporter') {
                    {{ 'cases.thread.fromReporter' | transloco }}
                  } @else {
                    {{
                      'cases.thread.fromHandler'
                        | transloco: { name: m.authorName ?? ('cases.thread.handler' | transloco) }
                    }}
                  }
                </strong>
                · {{ m.createdAt | varnDateTime }}
              </p>
              <p class="body">{{ m.body }}</p>
            </li>
          }
        </ol>
      } @else {
        <p>{{ 'cases.thread.empty' | transloco }}</p>
      }
      @if (canWrite()) {
        <form [formGroup]="messageForm" (ngSubmit)="send()" novalidate>
          <varn-case-problem [problem]="messageWork.problem()" />
          <mat-form-field appearance="outline" class="wide" subscriptSizing="dynamic">
            <mat-label>{{ 'cases.thread.newMessage' | transloco }}</mat-label>
            <textarea
              matInput
              [formControl]="message"
              rows="4"
              [maxlength]="max"
              required
            ></textarea>
            <mat-hint>{{ 'cases.thread.newMessageHint' | transloco }}</mat-hint>
            @if (message.hasError('required')) {
              <mat-error>{{ 'validation.required' | transloco }}</mat-error>
            }
          </mat-form-field>
          @if (messageWork.busy()) {
            <mat-progress-bar
              mode="indeterminate"
              [attr.aria-label]="'common.saving' | transloco"
            />
          }
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="messageWork.busy()">
              <mat-icon svgIcon="send" />
              {{ 'cases.thread.send' | transloco }}
            </button>
          </div>
        </form>
      }
    </section>

    <section class="section notes" aria-labelledby="notes-heading">
      <h2 id="notes-heading">
        <mat-icon svgIcon="lock" aria-hidden="true" />
        {{ 'cases.notes.heading' | transloco }}
      </h2>
      <p class="notice">
        <strong>{{ 'cases.notes.neverShown' | transloco }}</strong>
      </p>
      @if (detail().notes.length) {
        <ol class="messages">
          @for (n of detail().notes; track n.id) {
            <li>
              <p class="meta">
                <strong>{{ n.authorName ?? ('cases.thread.handler' | transloco) }}</strong>
                · {{ n.createdAt | varnDateTime }}
              </p>
              <p class="body">{{ n.body }}</p>
            </li>
          }
        </ol>
      } @else {
        <p>{{ 'cases.notes.empty' | transloco }}</p>
      }
      @if (canWrite()) {
        <form [formGroup]="noteForm" (ngSubmit)="addNote()" novalidate>
          <varn-case-problem [problem]="noteWork.problem()" />
          <mat-form-field appearance="outline" class="wide" subscriptSizing="dynamic">
            <mat-label>{{ 'cases.notes.newNote' | transloco }}</mat-label>
            <textarea matInput [formControl]="note" rows="3" [maxlength]="max" required></textarea>
            @if (note.hasError('required')) {
              <mat-error>{{ 'validation.required' | transloco }}</mat-error>
            }
          </mat-form-field>
          @if (noteWork.busy()) {
            <mat-progress-bar
              mode="indeterminate"
              [attr.aria-label]="'common.saving' | transloco"
            />
          }
          <div class="actions">
            <button mat-stroked-button type="submit" [disabled]="noteWork.busy()">
              {{ 'cases.notes.add' | transloco }}
            </button>
          </div>
        </form>
      }
    </section>
  `,
  styles: `
    mat-form-field {
      margin-bottom: 12px;
    }
    h2 {
      margin-top: 0;
      display: flex;
      align-items: center;
      gap: 8px;
    }
    .messages {
      list-style: none;
      margin: 0 0 16px;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .messages li {
      padding: 8px 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      max-width: 720px;
    }
    .messages li.from-reporter {
      border-left: 6px solid var(--mat-sys-primary);
    }
    .meta {
      margin: 0 0 4px;
      color: var(--mat-sys-on-surface-variant);
    }
    .body {
      margin: 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .wide {
      width: 100%;
      max-width: 720px;
    }
    .notes {
      background: #fff8e6;
      border: 2px dashed #8a5300;
    }
    .notice {
      color: #3d2600;
    }
  `,
})
export class CaseThread {
  private readonly cases = inject(CasesService);
  private readonly notifier = inject(Notifier);

  readonly detail = input.required<CaseDetail>();
  readonly canWrite = input(true);
  readonly changed = output<void>();

  protected readonly max = MESSAGE_MAX;
  protected readonly message = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.maxLength(MESSAGE_MAX)],
  });
  protected readonly note = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.maxLength(MESSAGE_MAX)],
  });
  protected readonly messageForm = new FormGroup({ body: this.message });
  protected readonly noteForm = new FormGroup({ body: this.note });
  protected readonly messageWork = new Work();
  protected readonly noteWork = new Work();

  protected async send(): Promise<void> {
    const body = this.message.value.trim();
    if (!body) {
      this.message.setValue('');
      this.message.markAsTouched();
      return;
    }
    if (await this.messageWork.run(() => this.cases.sendMessage(this.detail().id, body))) {
      this.message.reset('');
      this.notifier.success('cases.thread.sent');
      this.changed.emit();
    }
  }

  protected async addNote(): Promise<void> {
    const body = this.note.value.trim();
    if (!body) {
      this.note.setValue('');
      this.note.markAsTouched();
      return;
    }
    if (await this.noteWork.run(() => this.cases.addNote(this.detail().id, body))) {
      this.note.reset('');
      this.notifier.success('cases.notes.added');
      this.changed.emit();
    }
  }
}
