import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionService } from '../core/auth/session.service';
import { I18n } from '../core/i18n/i18n.service';
import { toProblem, type Problem } from '../core/errors/problem';
import { Alert } from '../shared/ui/alert';
import { EmptyState } from '../shared/ui/empty-state';
import { PageHeader } from '../shared/ui/page-header';
import { ProblemAlert } from '../shared/ui/problem-alert';
import { GiftForm } from './gift-form';
import { GiftGuide, type GuideFollowUp } from './gift-guide';
import { writeGiftReportDraft } from './gift-report-draft';
import { GiftTable } from './gift-table';
import { GiftsService, type GiftEntryDto } from './gifts.service';

/**
 * `/gavor`: the gift guide "Får jag ta emot detta?", the register form it leads to, the person's
 * own register entries, and — for managers and auditors — the register of the units they oversee
 * (the API decides which rows; managers decide on B entries from an entry's page).
 */
@Component({
  selector: 'varn-gifts-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatProgressBarModule,
    MatSelectModule,
    RouterLink,
    TranslocoPipe,
    Alert,
    EmptyState,
    GiftForm,
    GiftGuide,
    GiftTable,
    PageHeader,
    ProblemAlert,
  ],
  template: `
    <varn-page-header [heading]="'gifts.heading' | transloco" [lead]="'gifts.lead' | transloco">
      @if (canEditRules()) {
        <a mat-stroked-button routerLink="/gavor/regler">{{ 'gifts.rules.open' | transloco }}</a>
      }
    </varn-page-header>

    <varn-gift-guide (register)="openForm($event)" (report)="report($event)" />

    @if (form(); as f) {
      <varn-gift-form [followUp]="f" (saved)="saved($event)" (cancelled)="form.set(null)" />
    }
    @if (lastSaved(); as s) {
      <varn-alert kind="success">
        <p>{{ 'gifts.savedOutcome.' + s.outcome | transloco }}</p>
      </varn-alert>
    }

    <section class="section" aria-labelledby="my-gifts-heading">
      <h2 id="my-gifts-heading">{{ 'gifts.mine.heading' | transloco }}</h2>
      <varn-problem-alert [problem]="problem()" />
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | transloco" />
      }
      @if (mine().length) {
        <varn-gift-table [rows]="mine()" [caption]="'gifts.mine.caption' | transloco" />
      } @else if (!loading()) {
        <varn-empty-state
          icon="card_giftcard"
          [heading]="'gifts.mine.emptyHeading' | transloco"
          [text]="'gifts.mine.emptyText' | transloco"
        />
      }
    </section>

    @if (oversees()) {
      <section class="section" aria-labelledby="register-heading">
        <h2 id="register-heading">{{ 'gifts.register.heading' | transloco }}</h2>
        <p class="muted">{{ 'gifts.register.lead' | transloco }}</p>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'gifts.register.filter' | transloco }}</mat-label>
          <mat-select [value]="status()" (selectionChange)="setStatus($event.value)">
            <mat-option value="vantar_beslut">{{
              'gifts.statuses.vantar_beslut' | transloco
            }}</mat-option>
            <mat-option value="">{{ 'gifts.register.all' | transloco }}</mat-option>
          </mat-select>
        </mat-form-field>
        <p role="status" class="muted">
          {{ 'gifts.register.count' | transloco: { count: register().length } }}
        </p>
        @if (register().length) {
          <varn-gift-table
            [rows]="register()"
            [showPerson]="true"
            [caption]="'gifts.register.caption' | transloco"
          />
        } @else if (!loading()) {
          <varn-empty-state
            icon="card_giftcard"
            [heading]="'gifts.register.emptyHeading' | transloco"
            [text]="'gifts.register.emptyText' | transloco"
          />
        }
        @if (registerCursor()) {
          <button mat-stroked-button type="button" (click)="more()" [disabled]="loading()">
            {{ 'gifts.register.more' | transloco }}
          </button>
        }
      </section>
    }
  `,
  styles: `
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class GiftsPage {
  private readonly gifts = inject(GiftsService);
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly i18n = inject(I18n);

  protected readonly form = signal<GuideFollowUp | null>(null);
  protected readonly lastSaved = signal<GiftEntryDto | null>(null);
  protected readonly mine = signal<GiftEntryDto[]>([]);
  protected readonly register = signal<GiftEntryDto[]>([]);
  protected readonly registerCursor = signal<string | null>(null);
  protected readonly status = signal<'' | 'vantar_beslut'>('vantar_beslut');
  protected readonly loading = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly canEditRules = computed(() => this.session.can('update', 'GiftGuideRules'));
  /** Managers and auditors see the register of the units they oversee. */
  protected readonly oversees = computed(() =>
    (this.session.user()?.roles ?? []).some((r) => r.role === 'chef' || r.role === 'internrevisor'),
  );

  constructor() {
    void this.load();
  }

  protected openForm(f: GuideFollowUp): void {
    this.lastSaved.set(null);
    this.form.set(f);
    setTimeout(() => document.getElementById('gift-form-heading')?.focus());
  }

  protected async report(f: GuideFollowUp): Promise<void> {
    const user = this.session.user();
    if (!user) return;
    const o = f.offer;
    writeGiftReportDraft(this.fb, {
      userId: user.id,
      unitId: user.unit.id,
      occurredOn: o.receivedOn,
      description: this.i18n.t('gifts.report.description', {
        giver: o.giverName.trim() || this.i18n.t('gifts.report.unknownGiver'),
        what: o.description.trim() || this.i18n.t('gifts.report.unknownWhat'),
        value: o.estimatedValue.trim() || '–',
        date: o.receivedOn || '–',
        reasons: f.evaluation.reasons.map((r) => r.text).join(' '),
      }),
    });
    await this.router.navigate(['/rapportera']);
  }

  protected saved(entry: GiftEntryDto): void {
    this.form.set(null);
    this.lastSaved.set(entry);
    void this.load();
  }

  protected setStatus(status: '' | 'vantar_beslut'): void {
    this.status.set(status);
    void this.load();
  }

  protected async more(): Promise<void> {
    const cursor = this.registerCursor();
    if (!cursor) return;
    this.loading.set(true);
    try {
      const page = await this.gifts.list({ status: this.status() || undefined, cursor, limit: 50 });
      this.register.update((r) => [...r, ...page.items]);
      this.registerCursor.set(page.nextCursor);
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    this.problem.set(null);
    try {
      const [mine, register] = await Promise.all([
        this.gifts.list({ mine: true, limit: 50 }),
        this.oversees()
          ? this.gifts.list({ status: this.status() || undefined, limit: 50 })
          : Promise.resolve(null),
      ]);
      this.mine.set(mine.items);
      if (register) {
        this.register.set(register.items);
        this.registerCursor.set(register.nextCursor);
      }
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }
}
