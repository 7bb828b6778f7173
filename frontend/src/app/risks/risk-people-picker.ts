import { ChangeDetectionStrategy, Component, inject, input, model, signal } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { RisksService, type RiskPersonDto } from './risks.service';

/** Picks a person of the controller's scope: type part of a name, then choose. */
@Component({
  selector: 'varn-risk-people-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatFormFieldModule, MatInputModule, MatSelectModule, TranslocoPipe],
  template: `
    <div class="people">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'risks.people.search' | transloco: { what: label() } }}</mat-label>
        <input
          matInput
          type="search"
          maxlength="100"
          autocomplete="off"
          [attr.data-testid]="testId() + '-search'"
          (input)="search($any($event.target).value)"
        />
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ label() }}</mat-label>
        <mat-select
          [value]="value()"
          (selectionChange)="value.set($event.value)"
          [required]="true"
          [attr.data-testid]="testId()"
        >
          @for (p of people(); track p.id) {
            <mat-option [value]="p.id">{{ p.displayName }} ({{ p.unitName }})</mat-option>
          }
        </mat-select>
        <mat-hint>{{ 'risks.people.hint' | transloco: { count: people().length } }}</mat-hint>
      </mat-form-field>
    </div>
  `,
  styles: `
    .people {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
    }
  `,
})
export class RiskPeoplePicker {
  private readonly risks = inject(RisksService);
  readonly label = input.required<string>();
  readonly testId = input('person');
  readonly value = model<string | null>(null);
  protected readonly people = signal<RiskPersonDto[]>([]);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private requestNo = 0;

  constructor() {
    void this.fetch('');
  }

  protected search(q: string): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.fetch(q.trim()), 250);
  }

  private async fetch(q: string): Promise<void> {
    const no = ++this.requestNo;
    try {
      const people = await this.risks.people(q);
      if (no !== this.requestNo) return;
      this.people.set(people);
      if (people.length === 1 && q) this.value.set(people[0].id);
    } catch {
      if (no === this.requestNo) this.people.set([]);
    }
  }
}
