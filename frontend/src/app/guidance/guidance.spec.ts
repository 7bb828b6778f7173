import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { PureAbility } from '@casl/ability';
import { createAppAbility } from '../core/auth/ability';
import { provideIcons } from '../core/icons/icons';
import { provideTranslocoTesting, translations } from '../../testing/transloco';
import { GuidanceExcerpt } from './guidance-excerpt';
import { GuidanceLibraryPage } from './guidance-library.page';
import { excerptSegments, GUIDANCE_CATEGORIES, type GuidanceList } from './guidance.service';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve));
type Tree = Record<string, unknown>;
const lookup = (tree: Tree, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node as Tree | undefined)?.[part], tree);

describe('guidance excerpts', () => {
  it('splits an excerpt into marked and plain segments by its ranges', () => {
    expect(
      excerptSegments({
        text: 'En muta är en otillbörlig förmån.',
        highlights: [
          { start: 14, length: 11 },
          { start: 3, length: 4 },
        ],
      }),
    ).toEqual([
      { text: 'En ', mark: false },
      { text: 'muta', mark: true },
      { text: ' är en ', mark: false },
      { text: 'otillbörlig', mark: true },
      { text: ' förmån.', mark: false },
    ]);
  });

  it('renders markup in an excerpt as text, never as HTML', async () => {
    TestBed.configureTestingModule({ imports: [GuidanceExcerpt] });
    const fixture = TestBed.createComponent(GuidanceExcerpt);
    fixture.componentRef.setInput('excerpt', {
      text: '<img src=x onerror=alert(1)> muta',
      highlights: [{ start: 29, length: 4 }],
    });
    fixture.detectChanges();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('mark')?.textContent).toBe('muta');
    expect(el.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});

describe('guidance texts', () => {
  for (const lang of ['sv', 'en'] as const) {
    it(`${lang}: names every category and the reminder notification`, () => {
      const tree = translations[lang] as unknown as Tree;
      const keys = [
        ...GUIDANCE_CATEGORIES.map((c) => `guidance.categories.${c}`),
        'notifications.kinds.guidance.acknowledgement_requested',
        'guidance.nav',
      ];
      expect(keys.filter((k) => typeof lookup(tree, k) !== 'string')).toEqual([]);
    });
  }
});

describe('GuidanceLibraryPage', () => {
  it('lists articles under their category headings and marks what is to be confirmed', async () => {
    TestBed.configureTestingModule({
      imports: [GuidanceLibraryPage],
      providers: [
        provideRouter([{ path: '**', children: [] }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTranslocoTesting(),
        provideIcons(),
        { provide: PureAbility, useFactory: createAppAbility },
      ],
    });
    const http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(GuidanceLibraryPage);
    fixture.detectChanges();
    await tick();
    const summary = {
      status: 'published' as const,
      version: 1,
      publishedAt: '2026-03-01T08:00:00.000Z',
      hasDraft: false,
      summary: 'Sammanfattning.',
    };
    const list: GuidanceList = {
      q: null,
      hits: [],
      items: [
        {
          ...summary,
          id: '1',
          slug: 'gavor',
          category: 'gavor-och-representation',
          title: 'Gåvor',
          requiresAcknowledgement: true,
          acknowledged: false,
        },
        {
          ...summary,
          id: '2',
          slug: 'mutor',
          category: 'mutor',
          title: 'Mutbrott',
          requiresAcknowledgement: false,
          acknowledged: false,
        },
      ],
    };
    http.expectOne((r) => r.url === '/api/guidance').flush(list);
    await tick();
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const headings = [...el.querySelectorAll('h2')].map((h) => h.textContent?.trim());
    // in the taxonomy's order: mutor before gåvor
    expect(headings).toEqual(['Mutor', 'Gåvor och representation']);
    expect(el.textContent).toContain('Ska bekräftas');
    http.verify();
  });
});
