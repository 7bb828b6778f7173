import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { Badge, type BadgeTone } from '../shared/ui/badge';
import type { GiftEntryDto } from './gifts.service';

/** The outcome's badge tone: the letter and title carry the meaning, the colour only echoes it. */
export function outcomeTone(outcome: string): BadgeTone {
  return outcome === 'A' ? 'success' : outcome === 'C' ? 'danger' : 'warning';
}

/** Gift register entries as a table (the person's own, or a manager's register). */
@Component({
  selector: 'varn-gift-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslocoPipe, Badge],
  template: `
    <div class="table-wrap" tabindex="0" role="region" [attr.aria-label]="caption()">
      <table class="plain">
        <caption class="visually-hidden">
          {{
            caption()
          }}
        </caption>
        <thead>
          <tr>
            <th scope="col">{{ 'gifts.cols.date' | transloco }}</th>
            @if (showPerson()) {
              <th scope="col">{{ 'gifts.cols.person' | transloco }}</th>
            }
            <th scope="col">{{ 'gifts.cols.what' | transloco }}</th>
            <th scope="col">{{ 'gifts.cols.giver' | transloco }}</th>
            <th scope="col" class="num">{{ 'gifts.cols.value' | transloco }}</th>
            <th scope="col">{{ 'gifts.cols.outcome' | transloco }}</th>
            <th scope="col">{{ 'gifts.cols.status' | transloco }}</th>
          </tr>
        </thead>
        <tbody>
          @for (g of rows(); track g.id) {
            <tr>
              <td class="nowrap">{{ g.receivedOn }}</td>
              @if (showPerson()) {
                <td>
                  {{ g.userName }}
                  <div class="muted">{{ g.unitName }}</div>
                </td>
              }
              <td>
                <a [routerLink]="['/gavor/register', g.id]">{{ g.description }}</a>
              </td>
              <td>
                {{ g.giverName }}
                <div class="muted">{{ 'gifts.relations.' + g.relation | transloco }}</div>
              </td>
              <td class="num nowrap">{{ g.estimatedValue }} kr</td>
              <td>
                <varn-badge [tone]="tone(g.outcome)">
                  {{ g.outcome }} · {{ 'gifts.outcomes.' + g.outcome | transloco }}
                </varn-badge>
              </td>
              <td>
                @if (g.status === 'beslutad' && g.decision) {
                  {{ 'gifts.decisions.' + g.decision | transloco }}
                } @else {
                  {{ 'gifts.statuses.' + g.status | transloco }}
                }
              </td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `
    table.plain {
      width: 100%;
      border-collapse: collapse;
    }
    table.plain th,
    table.plain td {
      text-align: left;
      vertical-align: top;
      padding: 6px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .num {
      text-align: right;
    }
    .nowrap {
      white-space: nowrap;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .table-wrap {
      overflow-x: auto;
    }
  `,
})
export class GiftTable {
  readonly rows = input.required<readonly GiftEntryDto[]>();
  readonly caption = input.required<string>();
  readonly showPerson = input(false);
  protected readonly tone = outcomeTone;
}
