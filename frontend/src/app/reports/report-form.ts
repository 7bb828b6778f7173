import {
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Observable } from 'rxjs';
import { problemFieldErrors } from '../core/errors/error-messages';
import { toProblem, type Problem } from '../core/errors/problem';
import { serverError } from '../core/forms/server-errors';
import { I18n } from '../core/i18n/i18n.service';
import { Alert } from '../shared/ui/alert';
import { LabelPipe } from '../shared/ui/label.pipe';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { fileProblem, formatBytes, type FileProblem, type UploadEvent } from './attachment-upload';
import { clearDraft, hasContent, loadDraft, saveDraft } from './report-draft';
import {
  reportForm,
  syncBranches,
  type ReportForm,
  type ReportFormValue,
  type ReportMode,
} from './report-form.model';
import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_MAX_FILES,
  EXPOSED_FUNCTIONS,
  INCIDENT_CATEGORIES,
  INFLUENCER_TYPES,
  IRREGULARITY_KINDS,
  LIMITS,
  PERCEIVED_PURPOSES,
  SIGNED_IN_CONFIDENTIALITY,
  SITUATIONS,
  TRACKS,
  WELFARE_CATEGORY,
  type HandlerOption,
  type IntakeUnit,
  type SecurityContact,
} from './report.models';

/**
 * Where a report goes: the anonymous public API or the signed-in one. The form asks the channel
 * to create the report, then uploads the chosen files one by one through it.
 */
export interface ReportChannel {
  readonly mode: ReportMode;
  /** sessionStorage key of this person's draft (see report-draft.ts). */
  readonly draftKey: string;
  create(form: ReportForm): Promise<{ upload(file: File): Observable<UploadEvent> }>;
  /** Called once the report exists and every upload has been tried (names of failed files). */
  finish(uploadFailures: string[]): Promise<void>;
  /** Signed in: handlers whose scope covers the unit. */
  loadHandlers?(unitId: string): Promise<HandlerOption[]>;
}

export type StepId = 'safety' | 'kind' | 'what' | 'details' | 'files' | 'who' | 'summary';

/** The controls each step checks before moving on. */
const STEP_CONTROLS: Record<StepId, readonly string[]> = {
  safety: ['acuteDanger'],
  kind: ['track', 'category', 'irregularityKind'],
  what: ['unitId', 'description', 'intake.occurredOn'],
  details: ['welfare', 'intake'],
  files: [],
  who: ['confidentiality', 'concernsHandlerId'],
  summary: [],
};

const FOCUSABLE = 'input, textarea, select, button, [tabindex]';

/** The public throttle counts per minute: the wait when the server names none. */
const THROTTLE_WINDOW_SECONDS = 60;
/** Longest wait for the throttle before an upload is given up (and offered for later). */
const MAX_UPLOAD_WAIT_SECONDS = 90;

interface ChosenFile {
  file: File;
  problem: FileProblem | null;
}

interface UnitChoice {
  id: string;
  name: string;
  depth: number;
}

/**
 * The guided report form: one question at a time, a summary before sending. The first question
 * is whether the person is in acute danger: "yes" shows 112 and the security function before
 * anything else. What is typed is kept in memory and in this tab's sessionStorage until sent.
 */
@Component({
  selector: 'varn-report-form',
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
    MatRadioModule,
    MatSelectModule,
    TranslocoPipe,
    Alert,
    LabelPipe,
    ProblemAlert,
  ],
  templateUrl: './report-form.html',
  styleUrl: './report-form.scss',
})
export class ReportFormComponent {
  private readonly i18n = inject(I18n);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly destroyRef = inject(DestroyRef);
  private readonly cdr = inject(ChangeDetectorRef);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly channel = input.required<ReportChannel>();
  readonly units = input.required<readonly IntakeUnit[]>();
  readonly securityContact = input<SecurityContact | null>(null);

  protected readonly tracks = TRACKS;
  protected readonly categories = INCIDENT_CATEGORIES;
  protected readonly welfareCategory = WELFARE_CATEGORY;
  protected readonly irregularityKinds = IRREGULARITY_KINDS;
  protected readonly exposedFunctions = EXPOSED_FUNCTIONS;
  protected readonly situations = SITUATIONS;
  protected readonly perceivedPurposes = PERCEIVED_PURPOSES;
  protected readonly influencerTypes = INFLUENCER_TYPES;
  protected readonly confidentialityLevels = SIGNED_IN_CONFIDENTIALITY;
  protected readonly limits = LIMITS;
  protected readonly accept = ATTACHMENT_ACCEPT;
  protected readonly maxFiles = ATTACHMENT_MAX_FILES;
  protected readonly serverError = serverError;

  protected form!: ReportForm;
  /** Re-read by computeds whenever a value changes (forms are not signals). */
  protected readonly value = signal<ReportFormValue | null>(null);

  protected readonly stepIndex = signal(0);
  protected readonly restored = signal(false);
  protected readonly files = signal<ChosenFile[]>([]);
  protected readonly handlers = signal<HandlerOption[] | null>(null);
  protected readonly handlersProblem = signal<Problem | null>(null);

  protected readonly busy = signal(false);
  protected readonly progress = signal<{ text: string; percent: number | null } | null>(null);
  protected readonly problem = signal<Problem | null>(null);

  protected readonly mode = computed(() => this.channel().mode);
  protected readonly isWelfare = computed(() => this.value()?.category === WELFARE_CATEGORY);
  protected readonly acuteYes = computed(() => this.value()?.acuteDanger === 'yes');

  protected readonly steps = computed<StepId[]>(() => [
    'safety',
    'kind',
    'what',
    'details',
    'files',
    'who',
    'summary',
  ]);
  protected readonly step = computed<StepId>(() => this.steps()[this.stepIndex()] ?? 'safety');

  protected readonly unitChoices = computed<UnitChoice[]>(() => unitChoices(this.units()));
  protected readonly unitName = computed(() => {
    const id = this.value()?.unitId;
    return this.units().find((u) => u.id === id)?.name ?? '';
  });
  protected readonly handlerName = computed(() => {
    const id = this.value()?.concernsHandlerId;
    return this.handlers()?.find((h) => h.id === id)?.displayName ?? '';
  });
  protected readonly validFiles = computed(() => this.files().filter((f) => !f.problem));

  constructor() {
    effect(() => {
      const channel = this.channel();
      untracked(() => this.init(channel));
    });
  }

  private init(channel: ReportChannel): void {
    if (this.form) return;
    this.form = reportForm(this.fb, channel.mode);
    const draft = loadDraft(channel.draftKey);
    if (draft && hasContent(draft.value)) {
      this.form.patchValue(draft.value);
      if (channel.mode === 'anonymous') this.form.controls.confidentiality.setValue('');
      syncBranches(this.form);
      this.stepIndex.set(Math.min(Math.max(0, draft.step), this.steps().length - 1));
      this.restored.set(true);
      if (draft.value.unitId && draft.value.concernsHandler) void this.loadHandlers();
    }
    this.value.set(this.form.getRawValue());
    this.form.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(() => {
      syncBranches(this.form);
      this.value.set(this.form.getRawValue());
      if (!this.busy()) saveDraft(channel.draftKey, this.form, this.stepIndex());
    });
    // errors the server puts on controls must show although no input changed
    this.form.statusChanges
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => this.cdr.markForCheck());
    this.form.controls.unitId.valueChanges
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => {
        this.handlers.set(null);
        this.form.controls.concernsHandlerId.setValue('');
        if (this.form.controls.concernsHandler.value) void this.loadHandlers();
      });
    this.form.controls.concernsHandler.valueChanges
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((on) => {
        if (on && !this.handlers()) void this.loadHandlers();
      });
  }

  /** Starts over: forgets the draft and every answer. */
  protected startOver(): void {
    clearDraft(this.channel().draftKey);
    this.form.reset();
    syncBranches(this.form);
    this.files.set([]);
    this.restored.set(false);
    this.problem.set(null);
    this.goTo(0);
  }

  protected next(): void {
    if (!this.checkStep(this.step())) return;
    this.goTo(this.stepIndex() + 1);
  }

  protected back(): void {
    this.goTo(this.stepIndex() - 1);
  }

  /** From the summary: go back to a step to change an answer. */
  protected edit(step: StepId): void {
    this.goTo(this.steps().indexOf(step));
  }

  protected continueAfterDanger(): void {
    this.goTo(this.stepIndex() + 1);
  }

  private goTo(index: number): void {
    const bounded = Math.min(Math.max(0, index), this.steps().length - 1);
    this.stepIndex.set(bounded);
    saveDraft(this.channel().draftKey, this.form, bounded);
    this.afterStepRender(() => this.focus('.step-heading'));
  }

  /**
   * The server's field messages, kept until the answer changes: a step's fields are created
   * anew when the step is shown, which recomputes their errors, so the messages are put back
   * on them each time.
   */
  private readonly serverErrors = new Map<string, { message: string; value: unknown }>();

  private restoreServerErrors(): void {
    for (const [path, entry] of this.serverErrors) {
      const control = this.form.get(path);
      if (!control || control.value !== entry.value) {
        this.serverErrors.delete(path);
        continue;
      }
      control.setErrors({ ...(control.errors ?? {}), server: entry.message });
      control.markAsTouched();
    }
    this.cdr.markForCheck();
  }

  private afterStepRender(then: () => void): void {
    afterNextRender(
      () => {
        this.restoreServerErrors();
        then();
      },
      { injector: this.injector },
    );
  }

  /** Marks the step's controls and moves focus to the first one that needs an answer. */
  private checkStep(step: StepId): boolean {
    const controls = STEP_CONTROLS[step]
      .map((path) => this.form.get(path))
      .filter((c) => c !== null && c.enabled);
    controls.forEach((c) => c?.markAllAsTouched());
    const ok = controls.every((c) => c?.valid);
    const filesOk = step !== 'files' || this.files().every((f) => !f.problem);
    if (!ok || !filesOk) {
      this.cdr.markForCheck();
      this.focusAfterRender(
        '.step [aria-invalid="true"], .step .ng-invalid.ng-touched, .file-problem',
      );
    }
    return ok && filesOk;
  }

  // Acute danger: "yes" puts the emergency information first and moves focus to it
  protected answeredDanger(answer: 'yes' | 'no'): void {
    if (answer === 'yes') this.focusAfterRender('#acute-help');
  }

  // Files
  protected chooseFiles(event: Event): void {
    const input = event.target as HTMLInputElement;
    const chosen = Array.from(input.files ?? []).map((file) => ({
      file,
      problem: fileProblem(file),
    }));
    input.value = '';
    this.files.update((files) => [...files, ...chosen].slice(0, ATTACHMENT_MAX_FILES));
  }

  protected removeFile(index: number): void {
    this.files.update((files) => files.filter((_, i) => i !== index));
    this.focusAfterRender('.choose-files');
  }

  protected size(bytes: number): string {
    return formatBytes(bytes, this.i18n.lang());
  }

  protected readonly maxSize = computed(() => formatBytes(ATTACHMENT_MAX_BYTES, this.i18n.lang()));

  private async loadHandlers(): Promise<void> {
    const unitId = this.form.controls.unitId.value;
    const load = this.channel().loadHandlers;
    if (!unitId || !load) return;
    this.handlersProblem.set(null);
    try {
      const list = await load.call(this.channel(), unitId);
      if (this.form.controls.unitId.value === unitId) this.handlers.set(list);
    } catch (error) {
      this.handlersProblem.set(toProblem(error));
    }
  }

  // Sending
  protected async send(): Promise<void> {
    if (this.busy()) return;
    // Enter in a field submits the form: before the summary it means "next"
    if (this.step() !== 'summary') {
      this.next();
      return;
    }
    for (const step of this.steps()) {
      if (!this.checkStep(step)) {
        this.goTo(this.steps().indexOf(step));
        return;
      }
    }
    const channel = this.channel();
    this.busy.set(true);
    this.problem.set(null);
    this.progress.set({ text: this.i18n.t('report.sending'), percent: null });
    let created: Awaited<ReturnType<ReportChannel['create']>>;
    try {
      created = await channel.create(this.form);
    } catch (error) {
      this.busy.set(false);
      this.progress.set(null);
      this.showProblem(toProblem(error));
      return;
    }
    // the report exists: the draft goes, whatever happens to the files
    clearDraft(channel.draftKey);
    const failures: string[] = [];
    const files = this.validFiles();
    for (const [i, { file }] of files.entries()) {
      const label = (percent: number) =>
        this.i18n.t('report.uploading', {
          n: i + 1,
          total: files.length,
          name: file.name,
          percent,
        });
      const send = () =>
        new Promise<void>((resolve, reject) => {
          this.progress.set({ text: label(0), percent: 0 });
          created.upload(file).subscribe({
            next: (e) => {
              if (e.kind === 'progress')
                this.progress.set({ text: label(e.percent), percent: e.percent });
            },
            error: reject,
            complete: resolve,
          });
        });
      try {
        await send();
      } catch (error) {
        // the public routes are throttled: wait as long as the server asks (once), then retry
        const problem = toProblem(error);
        const wait = problem.retryAfterSeconds ?? THROTTLE_WINDOW_SECONDS;
        if (problem.status === 429 && wait > 0 && wait <= MAX_UPLOAD_WAIT_SECONDS) {
          this.progress.set({
            text: this.i18n.t('report.uploadWaiting', { name: file.name, seconds: wait }),
            percent: null,
          });
          await new Promise((resolve) => setTimeout(resolve, wait * 1000));
          await send().catch(() => failures.push(file.name));
        } else {
          failures.push(file.name);
        }
      }
    }
    this.progress.set({ text: this.i18n.t('report.sent'), percent: 100 });
    await channel.finish(failures);
  }

  /** A server 400 puts its messages on the fields and opens the first step with a problem. */
  private showProblem(problem: Problem): void {
    this.serverErrors.clear();
    let firstStep: number | null = null;
    for (const error of problemFieldErrors(problem)) {
      const control = this.form.get(error.field);
      if (!control) continue;
      this.serverErrors.set(error.field, {
        message: this.i18n.t('report.serverFieldError'),
        value: control.value,
      });
      const index = this.steps().findIndex((s) =>
        STEP_CONTROLS[s].some((p) => error.field === p || error.field.startsWith(`${p}.`)),
      );
      if (index >= 0 && (firstStep === null || index < firstStep)) firstStep = index;
    }
    this.problem.set(problem);
    if (firstStep !== null) this.stepIndex.set(firstStep);
    const firstField = [...this.serverErrors.keys()][0]?.split('.').pop();
    this.afterStepRender(() =>
      this.focus(
        firstStep !== null && firstField
          ? `.step [formcontrolname="${firstField}"]`
          : '.send-problem',
      ),
    );
  }

  private focusAfterRender(selector: string): void {
    afterNextRender(() => this.focus(selector), { injector: this.injector });
  }

  private focus(selector: string): void {
    const target = this.host.nativeElement.querySelector<HTMLElement>(selector);
    if (!target) return;
    const focusable = target.matches(FOCUSABLE)
      ? target
      : (target.querySelector<HTMLElement>(FOCUSABLE) ?? target);
    if (!focusable.matches(FOCUSABLE)) focusable.setAttribute('tabindex', '-1');
    focusable.focus();
  }
}

/** Units in tree order (parents before children) with their depth for indentation. */
export function unitChoices(units: readonly IntakeUnit[]): UnitChoice[] {
  const children = new Map<string | null, IntakeUnit[]>();
  const ids = new Set(units.map((u) => u.id));
  for (const unit of units) {
    const parent = unit.parentId && ids.has(unit.parentId) ? unit.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), unit]);
  }
  const out: UnitChoice[] = [];
  const walk = (parent: string | null, depth: number): void => {
    for (const unit of children.get(parent) ?? []) {
      out.push({ id: unit.id, name: unit.name, depth });
      walk(unit.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
