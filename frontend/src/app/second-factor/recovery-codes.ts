import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { TranslocoPipe } from '@jsverse/transloco';
import { I18n } from '../core/i18n/i18n.service';

/**
 * Recovery codes, shown once: a numbered list, copy to the clipboard and download as a text
 * file. Status messages are announced politely (screen readers hear that the copy worked).
 */
@Component({
  selector: 'varn-recovery-codes',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, TranslocoPipe],
  template: `
    <ol class="codes" [attr.aria-label]="'secondFactor.codes.listLabel' | transloco">
      @for (code of codes(); track code) {
        <li>
          <code>{{ code }}</code>
        </li>
      }
    </ol>
    <div class="actions">
      <button mat-stroked-button type="button" (click)="copy()">
        {{ 'secondFactor.codes.copy' | transloco }}
      </button>
      <a mat-stroked-button [href]="downloadHref()" [attr.download]="fileName()">
        <mat-icon svgIcon="file_download" />
        {{ 'secondFactor.codes.download' | transloco }}
      </a>
    </div>
    <p class="status" role="status">{{ status() }}</p>
  `,
  styles: `
    .codes {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr));
      gap: 4px 24px;
      padding-inline-start: 2rem;
      margin-block: 12px;
    }
    code {
      font-size: 1.05rem;
      letter-spacing: 0.05em;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .status:empty {
      display: none;
    }
  `,
})
export class RecoveryCodes {
  private readonly i18n = inject(I18n);
  readonly codes = input.required<readonly string[]>();
  readonly username = input<string>('');

  protected readonly status = signal('');
  protected readonly text = computed(
    () =>
      `${this.i18n.t('secondFactor.codes.fileHeading', { username: this.username() })}\n\n` +
      this.codes()
        .map((c, i) => `${i + 1}. ${c}`)
        .join('\n') +
      '\n',
  );
  /** A data URL: the codes never leave the browser, and the CSP allows no blob: either way. */
  protected readonly downloadHref = computed(
    () => `data:text/plain;charset=utf-8,${encodeURIComponent(this.text())}`,
  );
  protected readonly fileName = computed(
    () => `varn-aterstallningskoder${this.username() ? `-${this.username()}` : ''}.txt`,
  );

  protected async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.text());
      this.status.set(this.i18n.t('secondFactor.codes.copied'));
    } catch {
      this.status.set(this.i18n.t('secondFactor.codes.copyFailed'));
    }
  }
}
