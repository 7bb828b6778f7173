import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { PureAbility } from '@casl/ability';
import { demoAccount, demoUnit } from '../../../testing/abilities';
import { provideTranslocoTesting } from '../../../testing/transloco';
import type { UnitDto } from '../../core/api/models';
import { createAppAbility } from '../../core/auth/ability';
import { SessionService } from '../../core/auth/session.service';
import { provideIcons } from '../../core/icons/icons';
import { OrgPage } from './org.page';

/** The demo administrator (over the whole organisation), as the backend signs her in. */
const ADMIN = demoAccount('admin');
const UNITS: UnitDto[] = [demoUnit('root'), demoUnit('stab')];

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
    http.expectOne('/api/me').flush(ADMIN.me);
    await tick();
    http.expectOne('/api/me/abilities').flush({ rules: ADMIN.rules });
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
