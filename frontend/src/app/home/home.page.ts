import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionService } from '../core/auth/session.service';
import { DateTimePipe } from '../shared/ui/date-time.pipe';

/** Start: a greeting, the user's roles and shortcuts to the pages they may use. */
@Component({
  selector: 'varn-home-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MatIconModule, TranslocoPipe, DateTimePipe],
  templateUrl: './home.page.html',
  styleUrl: './home.page.scss',
})
export class HomePage {
  protected readonly session = inject(SessionService);
  protected readonly user = this.session.user;
  /** Every page in the navigation but Start itself. */
  protected readonly shortcuts = computed(() => this.session.nav().filter((e) => e.path !== '/'));
}
