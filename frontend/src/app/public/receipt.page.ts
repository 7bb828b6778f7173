import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatIconModule } from '@angular/material/icon';
import { Router, RouterLink, type CanDeactivateFn } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { I18n } from '../core/i18n/i18n.service';
import { Alert } from '../shared/ui/alert';
import { PageHeader } from '../shared/ui/page-header';
import { PublicReportService } from './public-report.service';
import { groupReceiptCode } from './receipt-code';

/**
 * `/anonym/kvitto`: the receipt code, shown once. It lives only in memory: leaving the page (after
 * "Jag har sparat koden") or reloading it drops the code for good.
 */
@Component({
  selector: 'varn-receipt-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatIconModule,
    TranslocoPipe,
    Alert,
    PageHeader,
  ],
  template: `
    @if (receipt(); as r) {
      <varn-page-header
        [heading]="'anon.receipt.heading' | transloco"
        [lead]="'anon.receipt.lead' | transloco"
      />
      <section class="section code-box" aria-labelledby="code-label">
        <h2 id="code-label">{{ 'anon.receipt.codeLabel' | transloco }}</h2>
        <p class="code">
          <span aria-hidden="true" class="digits">
            @for (pair of pairs(); track $index) {
              <span class="pair">{{ pair }}</span>
            }
          </span>
          <span class="visually-hidden">{{ spokenCode() }}</span>
        </p>
        <div class="actions">
          <button mat-stroked-button type="button" (click)="copy()">
            <mat-icon svgIcon="content_copy" />
            {{ 'anon.receipt.copy' | transloco }}
          </button>
        </div>
        <p class="visually-hidden" role="status">{{ copyStatus() }}</p>
        @if (copyFailed()) {
          <p>{{ 'anon.receipt.copyFailed' | transloco }}</p>
        }
      </section>
      <varn-alert kind="warning">
        <p>
          <strong>{{ 'anon.receipt.onceHeading' | transloco }}</strong>
        </p>
        <p>{{ 'anon.receipt.onceText' | transloco }}</p>
      </varn-alert>
      @if (r.uploadFailures.length) {
        <varn-alert kind="warning">
          <p>
            {{ 'anon.receipt.uploadFailures' | transloco: { names: r.uploadFailures.join(', ') } }}
          </p>
        </varn-alert>
      }
      <section class="section" aria-labelledby="next-heading">
        <h2 id="next-heading">{{ 'anon.receipt.nextHeading' | transloco }}</h2>
        <p>{{ 'anon.receipt.nextText' | transloco }}</p>
        <mat-checkbox [formControl]="saved" class="saved" aria-describedby="saved-error">
          {{ 'anon.receipt.saved' | transloco }}
        </mat-checkbox>
        <p id="saved-error" class="field-error" role="alert">
          @if (blocked()) {
            {{ 'anon.receipt.tickFirst' | transloco }}
          }
        </p>
        <div class="actions">
          <button mat-flat-button type="button" (click)="leave('/anonym/rapport')">
            {{ 'anon.receipt.toReport' | transloco }}
          </button>
          <button mat-stroked-button type="button" (click)="leave('/anonym/logga-in')">
            {{ 'anon.receipt.done' | transloco }}
          </button>
        </div>
      </section>
    } @else {
      <varn-page-header [heading]="'anon.receipt.goneHeading' | transloco" />
      <p>{{ 'anon.receipt.goneText' | transloco }}</p>
      <div class="actions">
        <a mat-flat-button routerLink="/anonym/logga-in">{{
          'anon.receipt.goneLogin' | transloco
        }}</a>
        <a mat-stroked-button routerLink="/anonym">{{ 'anon.receipt.goneNew' | transloco }}</a>
      </div>
    }
  `,
  styles: `
    .code-box {
      text-align: center;
    }
    .code {
      margin: 8px auto 16px;
      max-width: none;
    }
    .digits {
      display: flex;
      flex-wrap: wrap;
      justify-content: center;
      gap: 0 0.9em;
      font-family: 'Roboto Mono', ui-monospace, 'DejaVu Sans Mono', monospace;
      font-size: clamp(1.6rem, 8vw, 2.5rem);
      letter-spacing: 0.06em;
      font-weight: 500;
    }
    .pair {
      white-space: pre;
    }
    .code-box .actions {
      justify-content: center;
    }
    .saved {
      display: block;
      margin-bottom: 4px;
    }
    .field-error {
      color: #b3261e;
      margin: 0 0 12px;
    }
    .field-error:empty {
      display: none;
    }
  `,
})
export class ReceiptPage {
  private readonly api = inject(PublicReportService);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly receipt = this.api.freshReceipt.asReadonly();
  protected readonly saved = new FormControl(false, { nonNullable: true });
  protected readonly blocked = signal(false);
  protected readonly copyStatus = signal('');
  protected readonly copyFailed = signal(false);

  protected readonly grouped = computed(() => groupReceiptCode(this.receipt()?.code ?? ''));
  /** Two groups per line at most, so a narrow screen shows 2 + 2, never 3 + 1. */
  protected readonly pairs = computed(() => {
    const groups = this.grouped().split(' ');
    return [groups.slice(0, 2).join('  '), groups.slice(2).join('  ')];
  });
  /** Read digit by digit, group by group. */
  protected readonly spokenCode = computed(() =>
    this.grouped()
      .split(' ')
      .map((g) => g.split('').join(' '))
      .join(', '),
  );

  constructor() {
    const warn = (e: BeforeUnloadEvent) => {
      if (this.receipt() && !this.saved.value) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    inject(DestroyRef).onDestroy(() => {
      window.removeEventListener('beforeunload', warn);
      // shown once: the code is gone when the page is left
      this.api.freshReceipt.set(null);
    });
    this.saved.valueChanges.subscribe((v) => {
      if (v) this.blocked.set(false);
    });
  }

  protected async copy(): Promise<void> {
    const code = this.receipt()?.code;
    if (!code) return;
    try {
      await navigator.clipboard.writeText(code);
      this.copyFailed.set(false);
      this.copyStatus.set(this.i18n.t('anon.receipt.copied'));
    } catch {
      this.copyFailed.set(true);
    }
  }

  protected async leave(url: string): Promise<void> {
    await this.router.navigateByUrl(url);
  }

  /** Leaving is allowed once the person has confirmed that the code is saved. */
  canLeave(): boolean {
    if (!this.receipt() || this.saved.value) return true;
    this.blocked.set(true);
    this.host.nativeElement.querySelector<HTMLInputElement>('.saved input')?.focus();
    return false;
  }
}

export const receiptSavedGuard: CanDeactivateFn<ReceiptPage> = (page) => page.canLeave();
