import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe } from '@jsverse/transloco';
import { DateTimePipe } from '../shared/ui/date-time.pipe';
import { LabelPipe } from '../shared/ui/label.pipe';
import type { CaseAttachment, CaseDetail } from './cases.models';
import { CasesService, saveFile } from './cases.service';
import { CaseProblem, Work } from './case-work';

/** Label prefix (under `taxonomy.`) of each coded intake field; the rest are shown as given. */
const CODED: Readonly<Record<string, string>> = {
  exposedFunction: 'taxonomy.exposedFunctions',
  situation: 'taxonomy.situations',
  perceivedPurpose: 'taxonomy.perceivedPurposes',
  influencerType: 'taxonomy.influencerTypes',
};
const INTAKE_ORDER = [
  'occurredOn',
  'exposedFunction',
  'situation',
  'perceivedPurpose',
  'influencerType',
  'repeated',
  'relatedReference',
  'wantsContact',
  'acuteDanger',
] as const;
const WELFARE_ORDER = [
  'contractOrSupplier',
  'periodFrom',
  'periodTo',
  'amountSek',
  'noticedHow',
] as const;

export interface FactRow {
  /** Translation key of the label. */
  label: string;
  /** A value to show as is, or … */
  text?: string;
  /** … a translation key (yes/no, a coded answer). */
  key?: string;
  /** Label prefix for `varnLabel` (coded values). */
  prefix?: string;
  code?: string;
}

/** The intake answers that were given, in the form's order. */
export function intakeRows(intake: CaseDetail['intake']): FactRow[] {
  if (!intake) return [];
  const rows: FactRow[] = [];
  for (const field of INTAKE_ORDER) {
    const value = intake[field];
    if (value === null || value === undefined || value === '') continue;
    const label = `cases.intake.${field}`;
    if (typeof value === 'boolean') rows.push({ label, key: value ? 'cases.yes' : 'cases.no' });
    else if (CODED[field]) rows.push({ label, prefix: CODED[field], code: String(value) });
    else rows.push({ label, text: String(value) });
  }
  return rows;
}

const SEK = new Intl.NumberFormat('sv-SE', {
  style: 'currency',
  currency: 'SEK',
  maximumFractionDigits: 0,
});

export function welfareRows(welfare: CaseDetail['welfare']): FactRow[] {
  if (!welfare) return [];
  const rows: FactRow[] = [];
  for (const field of WELFARE_ORDER) {
    const value = welfare[field];
    if (value === null || value === undefined || value === '') continue;
    rows.push({
      label: `cases.welfare.${field}`,
      text: field === 'amountSek' ? SEK.format(Number(value)) : String(value),
    });
  }
  return rows;
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

/** What was reported: description, intake answers, welfare-crime facts and attachments. */
@Component({
  selector: 'varn-case-content',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslocoPipe,
    CaseProblem,
    DateTimePipe,
    LabelPipe,
  ],
  template: `
    <section class="section" aria-labelledby="content-heading">
      <h2 id="content-heading">{{ 'cases.content.heading' | transloco }}</h2>
      @if (detail().purgedAt) {
        <p>
          {{
            'cases.content.purged' | transloco: { date: (detail().purgedAt | varnDateTime: 'date') }
          }}
        </p>
      } @else {
        <h3>{{ 'cases.content.description' | transloco }}</h3>
        <p class="prose">{{ detail().description }}</p>

        @if (intake().length) {
          <h3>{{ 'cases.content.intake' | transloco }}</h3>
          <dl class="facts">
            @for (row of intake(); track row.label) {
              <dt>{{ row.label | transloco }}</dt>
              <dd>
                @if (row.key) {
                  {{ row.key | transloco }}
                } @else if (row.prefix) {
                  {{ row.code | varnLabel: row.prefix }}
                } @else {
                  {{ row.text }}
                }
              </dd>
            }
          </dl>
        }

        @if (welfare().length) {
          <h3>{{ 'cases.content.welfare' | transloco }}</h3>
          <dl class="facts">
            @for (row of welfare(); track row.label) {
              <dt>{{ row.label | transloco }}</dt>
              <dd class="prose">{{ row.text }}</dd>
            }
          </dl>
        }

        <h3>{{ 'cases.content.attachments' | transloco }}</h3>
        <varn-case-problem [problem]="work.problem()" />
        @if (work.busy()) {
          <mat-progress-bar
            mode="indeterminate"
            [attr.aria-label]="'cases.content.downloading' | transloco"
          />
        }
        @if (detail().attachments.length) {
          <ul class="files">
            @for (a of detail().attachments; track a.id) {
              <li>
                <button mat-button type="button" [disabled]="work.busy()" (click)="download(a)">
                  <mat-icon svgIcon="download" />
                  {{ 'cases.content.download' | transloco: { name: a.name } }}
                </button>
                <span class="muted">{{ size(a.size) }} · {{ a.createdAt | varnDateTime }}</span>
              </li>
            }
          </ul>
          <p class="muted">{{ 'cases.content.downloadLogged' | transloco }}</p>
        } @else {
          <p class="muted">{{ 'cases.content.noAttachments' | transloco }}</p>
        }
      }
    </section>
  `,
  styles: `
    h2 {
      margin-top: 0;
    }
    h3 {
      font: var(--mat-sys-title-small);
      margin: 16px 0 8px;
    }
    .prose {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .files {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    .files li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
  `,
})
export class CaseContent {
  private readonly cases = inject(CasesService);
  readonly detail = input.required<CaseDetail>();

  protected readonly work = new Work();
  protected readonly intake = computed(() => intakeRows(this.detail().intake));
  protected readonly welfare = computed(() => welfareRows(this.detail().welfare));
  protected readonly size = fileSize;

  protected async download(a: CaseAttachment): Promise<void> {
    await this.work.run(async () =>
      saveFile(await this.cases.attachment(this.detail().id, a.id, a.name)),
    );
  }
}
