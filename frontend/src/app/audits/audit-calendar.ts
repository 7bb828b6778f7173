import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { I18n } from '../core/i18n/i18n.service';
import { DATE_LOCALES } from '../core/i18n/date-adapter';
import { isLang } from '../core/i18n/languages';
import { Badge } from '../shared/ui/badge';
import { byDate, monthGrid } from './audit-dates';
import type { AuditPlanItem } from './audits.models';
import { planTone } from './audit-labels';

/**
 * A month of the audit plan: each day lists the contracts due, with their status in words (never
 * colour alone). On a narrow screen only the days with audits are shown, as a list.
 */
@Component({
  selector: 'varn-audit-calendar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, Badge],
  template: `
    <div class="table-wrap" tabindex="0" [attr.aria-label]="caption()" role="region">
      <table class="cal">
        <caption class="visually-hidden">
          {{
            caption()
          }}
        </caption>
        <thead>
          <tr>
            @for (d of weekdays(); track $index) {
              <th scope="col">
                <abbr [title]="d.long">{{ d.short }}</abbr>
              </th>
            }
          </tr>
        </thead>
        <tbody>
          @for (week of weeks(); track $index) {
            <tr>
              @for (day of week; track day.date) {
                @let due = byDay().get(day.date) ?? [];
                <td
                  [class.out]="!day.inMonth"
                  [class.has]="due.length > 0"
                  [class.today]="day.date === today()"
                  [attr.aria-current]="day.date === today() ? 'date' : null"
                >
                  <span class="day">
                    <span aria-hidden="true" class="day-num">{{ day.day }}</span>
                    <span class="iso">{{ day.date }}</span>
                  </span>
                  @if (due.length) {
                    <ul>
                      @for (p of due; track p.contractId) {
                        <li>
                          <a [routerLink]="['/avtal', p.contractId]">{{ p.contractTitle }}</a>
                          <varn-badge [tone]="tone(p)">{{
                            'audits.planStatus.' + p.status | transloco
                          }}</varn-badge>
                          <span class="cls">{{
                            'audits.classShort' | transloco: { cls: p.followUpClass }
                          }}</span>
                        </li>
                      }
                    </ul>
                  }
                </td>
              }
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `
    .cal {
      width: 100%;
      table-layout: fixed;
      border-collapse: collapse;
    }
    .cal th {
      font: var(--mat-sys-label-large);
      padding: 4px;
    }
    .cal td {
      vertical-align: top;
      height: 88px;
      padding: 4px;
      border: 1px solid var(--mat-sys-outline-variant);
      overflow-wrap: anywhere;
    }
    .cal td.out {
      background: var(--mat-sys-surface-container-low);
      color: var(--mat-sys-on-surface-variant);
    }
    .cal td.today {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: -2px;
    }
    .day-num {
      font-weight: 600;
    }
    .iso {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
    ul {
      list-style: none;
      margin: 4px 0 0;
      padding: 0;
      display: grid;
      gap: 6px;
      font: var(--mat-sys-body-small);
    }
    li {
      display: flex;
      flex-wrap: wrap;
      gap: 2px 6px;
      align-items: center;
    }
    .cls {
      color: var(--mat-sys-on-surface-variant);
    }
    abbr {
      text-decoration: none;
    }
    @media (max-width: 700px) {
      .cal thead {
        display: none;
      }
      .cal,
      .cal tbody,
      .cal tr,
      .cal td {
        display: block;
        width: auto;
        height: auto;
      }
      .cal td:not(.has) {
        display: none;
      }
      .cal td.has {
        border-width: 0 0 1px;
        padding: 8px 0;
      }
      .day-num {
        display: none;
      }
      .iso {
        position: static;
        width: auto;
        height: auto;
        clip: auto;
        font-weight: 600;
      }
    }
  `,
})
export class AuditCalendar {
  private readonly i18n = inject(I18n);
  readonly year = input.required<number>();
  readonly month = input.required<number>();
  readonly items = input.required<readonly AuditPlanItem[]>();
  readonly today = input('');

  protected readonly weeks = computed(() => monthGrid(this.year(), this.month()));
  protected readonly byDay = computed(() => byDate(this.items(), (p) => p.dueDate));
  protected readonly caption = computed(() =>
    this.i18n.t('audits.plan.calendarCaption', { month: this.monthName() }),
  );
  protected readonly monthName = computed(() => {
    const lang = this.i18n.lang();
    const locale = DATE_LOCALES[isLang(lang) ? lang : 'sv'];
    return new Intl.DateTimeFormat(locale, {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(this.year(), this.month() - 1, 1)));
  });
  protected readonly weekdays = computed(() => {
    const lang = this.i18n.lang();
    const locale = DATE_LOCALES[isLang(lang) ? lang : 'sv'];
    // 2026-11-30 is a Monday
    return Array.from({ length: 7 }, (_, i) => {
      const d = new Date(Date.UTC(2026, 10, 30 + i));
      return {
        short: new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(d),
        long: new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(d),
      };
    });
  });

  protected tone(p: AuditPlanItem): ReturnType<typeof planTone> {
    return planTone(p.status);
  }
}
