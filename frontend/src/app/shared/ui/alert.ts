import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

export type AlertKind = 'error' | 'warning' | 'info' | 'success';

/**
 * A message box with an icon and text (colour is never the only signal). Errors are announced
 * at once (`role="alert"`), other kinds politely (`role="status"`).
 */
@Component({
  selector: 'varn-alert',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule],
  host: {
    '[class]': '"alert alert-" + kind()',
    '[attr.role]': 'role()',
  },
  template: `
    <mat-icon class="alert-icon" [svgIcon]="icon()" />
    <div class="alert-body"><ng-content /></div>
  `,
  styles: `
    :host {
      display: flex;
      gap: 12px;
      align-items: flex-start;
      padding: 12px 16px;
      margin-block: 12px;
      border-radius: 8px;
      border: 1px solid;
      border-left-width: 6px;
    }
    .alert-body {
      flex: 1;
      min-width: 0;
    }
    .alert-body ::ng-deep p:last-child {
      margin-bottom: 0;
    }
    :host(.alert-error) {
      background: #fdeceb;
      border-color: #b3261e;
      color: #410e0b;
    }
    :host(.alert-error) .alert-icon {
      color: #b3261e;
    }
    :host(.alert-warning) {
      background: #fff4e0;
      border-color: #8a5300;
      color: #3d2600;
    }
    :host(.alert-warning) .alert-icon {
      color: #8a5300;
    }
    :host(.alert-info) {
      background: #e8f1fb;
      border-color: #00458f;
      color: #001a41;
    }
    :host(.alert-info) .alert-icon {
      color: #00458f;
    }
    :host(.alert-success) {
      background: #e7f4ea;
      border-color: #1e6b34;
      color: #002110;
    }
    :host(.alert-success) .alert-icon {
      color: #1e6b34;
    }
  `,
})
export class Alert {
  readonly kind = input<AlertKind>('info');
  protected readonly role = computed(() => (this.kind() === 'error' ? 'alert' : 'status'));
  protected readonly icon = computed(() => {
    switch (this.kind()) {
      case 'error':
        return 'error';
      case 'warning':
        return 'error';
      case 'success':
        return 'check_circle';
      case 'info':
        return 'info';
    }
  });
}
