import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { PureAbility } from '@casl/ability';
import { packedRulesFor } from '../../../testing/abilities';
import { provideTranslocoTesting } from '../../../testing/transloco';
import type { MeDto, UnitDto } from '../../core/api/models';
import { createAppAbility } from '../../core/auth/ability';
import { SessionService } from '../../core/auth/session.service';
import { provideIcons } from '../../core/icons/icons';
import { OrgPage } from './org.page';

const ME: MeDto = {
  id: 'me-1',
  username: 'admin',
  displayName: 'Maria Lindqvist',
  email: null,
  unit: { id: 'u-root', name: 'Trafikförvaltningen' },
  roles: [],
  mustChangePassword: false,
  lastLoginAt: null,
  sessionExpiresAt: '2026-11-25T08:00:00.000Z',
  sessionIdleMinutes: 30,
};

const UNITS: UnitDto[] = [
  {
    id: 'u-root',
    name: 'Trafikförvaltningen',
    kind: 'forvaltning',
    parentId: null,
    path: '/u-root/',
    depth: 0,
    active: true,
  },
  {
    id: 'u-stab',
    name: 'Stab',
    kind: 'avdelning',
    parentId: 'u-root',
    path: '/u-root/u-stab/',
    depth: 1,
    active: true,
  },
];

const tick = () => new Promise<void>((resolve) => setTimeout(resolve));

describe('OrgPage', () => {
  let fixture: ComponentFixture<OrgPage>;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [OrgPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTranslocoTesting(),
        provideIcons(),
        { provide: PureAbility, useFactory: createAppAbility },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const restored = TestBed.inject(SessionService).restore();
    http.expectOne('/api/me').flush(ME);
    await tick();
    http
      .expectOne('/api/me/abilities')
      .flush({ rules: packedRulesFor({ userId: ME.id, admin: ['/u-root/'] }) });
    await restored;

    fixture = TestBed.createComponent(OrgPage);
    fixture.detectChanges();
    http.expectOne('/api/units').flush(UNITS);
    await tick();
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  async function menuItemsFor(name: string): Promise<string[]> {
    const el = fixture.nativeElement as HTMLElement;
    const trigger = el.querySelector<HTMLButtonElement>(
      `button[aria-label="Åtgärder för ${name}"]`,
    );
    expect(trigger).not.toBeNull();
    trigger!.click();
    await fixture.whenStable();
    const items = [...document.querySelectorAll('.mat-mdc-menu-panel [mat-menu-item]')].map(
      (item) => item.textContent?.trim() ?? '',
    );
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    return items;
  }

  it('offers no move, deactivate or delete for the förvaltning (the root)', async () => {
    expect(await menuItemsFor('Trafikförvaltningen')).toEqual([
      'Lägg till underenhet',
      'Ändra namn eller typ',
    ]);
  });

  it('offers every action for a unit below the root', async () => {
    expect(await menuItemsFor('Stab')).toEqual([
      'Lägg till underenhet',
      'Ändra namn eller typ',
      'Flytta',
      'Inaktivera',
      'Ta bort',
    ]);
  });
});
