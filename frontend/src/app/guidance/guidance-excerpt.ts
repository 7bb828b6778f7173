import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { excerptSegments, type Excerpt } from './guidance.service';

/** A search excerpt with the matching words in <mark>, built from text nodes only. */
@Component({
  selector: 'varn-guidance-excerpt',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `@for (s of segments(); track $index) {
    @if (s.mark) {
      <mark>{{ s.text }}</mark>
    } @else {
      {{ s.text }}
    }
  }`,
  styles: `
    mark {
      background: #fff3b0;
      color: inherit;
      font-weight: 600;
      padding: 0 1px;
      border-radius: 2px;
    }
  `,
})
export class GuidanceExcerpt {
  readonly excerpt = input.required<Excerpt>();
  protected readonly segments = computed(() => excerptSegments(this.excerpt()));
}
