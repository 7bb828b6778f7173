import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionService } from '../core/auth/session.service';

export type StatusKind = 'notFound' | 'forbidden' | 'error';

/** "Sidan finns inte", "Du saknar behörighet" and the page for unexpected errors. */
@Component({
  selector: 'varn-status-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatButtonModule, MatIconModule, TranslocoPipe],
  template: `
    <div class="status">
      <mat-icon class="icon" [svgIcon]="kind() === 'error' ? 'error' : 'info'" />
      <h1>{{ 'status.' + kind() + '.heading' | transloco }}</h1>
      <p>{{ 'status.' + kind() + '.text' | transloco }}</p>
      <div class="actions">
        <a mat-flat-button routerLink="/">
          <mat-icon svgIcon="home" />
          {{ (signedIn() ? 'status.home' : 'status.login') | transloco }}
        </a>
        @if (kind() === 'error') {
          <button mat-stroked-button type="button" (click)="reload()">
            <mat-icon svgIcon="refresh" />
            {{ 'status.reload' | transloco }}
          </button>
        }
      </div>
    </div>
  `,
  styles: `
    .status {
      max-width: 640px;
      margin: 48px auto;
      text-align: center;
    }
    .icon {
      width: 48px;
      height: 48px;
      color: var(--mat-sys-primary);
    }
    p {
      margin-inline: auto;
    }
    .actions {
      justify-content: center;
      margin-top: 24px;
    }
  `,
})
export class StatusPage {
  private readonly session = inject(SessionService);
  /** From the route's data. */
  readonly kind = input<StatusKind>('notFound');
  protected readonly signedIn = computed(() => this.session.signedIn());

  protected reload(): void {
    location.reload();
  }
}
