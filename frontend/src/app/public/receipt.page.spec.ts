import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { provideTranslocoTesting } from '../../testing/transloco';
import { provideIcons } from '../core/icons/icons';
import { provideReportIcons } from '../reports/report-icons';
import { PublicReportService } from './public-report.service';
import { ReceiptPage, receiptSavedGuard } from './receipt.page';

const CODE = '4929804463622139';

describe('ReceiptPage', () => {
  let fixture: ComponentFixture<ReceiptPage>;
  let api: PublicReportService;
  const el = () => fixture.nativeElement as HTMLElement;
  const canLeave = () =>
    TestBed.runInInjectionContext(() =>
      receiptSavedGuard(fixture.componentInstance, null as never, null as never, null as never),
    );

  beforeEach(async () => {
    sessionStorage.clear();
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [ReceiptPage],
      providers: [
        provideRouter([]),
        provideTranslocoTesting(),
        provideIcons(),
        provideReportIcons(),
      ],
    });
    api = TestBed.inject(PublicReportService);
    api.freshReceipt.set({ code: CODE, uploadFailures: ['bild.heic'] });
    fixture = TestBed.createComponent(ReceiptPage);
    document.body.appendChild(el());
    fixture.detectChanges();
    await fixture.whenStable();
  });

  afterEach(() => el().remove());

  it('shows the code once, in groups, with a spoken version, and stores it nowhere', () => {
    const pairs = Array.from(el().querySelectorAll('.pair')).map((p) => p.textContent?.trim());
    expect(pairs).toEqual(['4929  8044', '6362  2139']);
    expect(el().querySelector('.digits')?.getAttribute('aria-hidden')).toBe('true');
    expect(el().querySelector('.code .visually-hidden')?.textContent).toContain(
      '4 9 2 9, 8 0 4 4, 6 3 6 2, 2 1 3 9',
    );
    expect(el().textContent).toContain('Koden visas bara nu.');
    expect(el().textContent).toContain('bild.heic');
    expect(
      JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }),
    ).not.toContain(CODE);
  });

  it('holds the person on the page until "Jag har sparat koden" is ticked', async () => {
    expect(canLeave()).toBe(false);
    fixture.detectChanges();
    expect(el().querySelector('#saved-error')?.textContent).toContain(
      'Kryssa i att du har sparat koden först.',
    );
    expect(document.activeElement).toBe(el().querySelector('.saved input'));

    (el().querySelector('.saved input') as HTMLInputElement).click();
    fixture.detectChanges();
    await fixture.whenStable();
    expect(canLeave()).toBe(true);
  });

  it('forgets the code when the page is left', () => {
    fixture.destroy();
    expect(api.freshReceipt()).toBeNull();
  });
});
