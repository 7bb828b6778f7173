import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { PureAbility } from '@casl/ability';
import { demoAccount } from '../../testing/abilities';
import { provideTranslocoTesting } from '../../testing/transloco';
import { createAppAbility } from '../core/auth/ability';
import { provideIcons } from '../core/icons/icons';
import { SecondFactorEnrolPage } from './second-factor-enrol.page';

@Component({
  selector: 'varn-blank',
  template: '',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Blank {}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve));
const CODES = Array.from({ length: 10 }, (_, i) => `ACDE${i}-GH347`);

describe('SecondFactorEnrolPage', () => {
  let fixture: ComponentFixture<SecondFactorEnrolPage>;
  let http: HttpTestingController;
  let el: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [SecondFactorEnrolPage],
      providers: [
        provideRouter([{ path: '**', component: Blank }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideTranslocoTesting(),
        provideIcons(),
        { provide: PureAbility, useFactory: createAppAbility },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SecondFactorEnrolPage);
    fixture.componentRef.setInput('returnUrl', '/arenden');
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http.expectOne('/api/auth/second-factor/enrol').flush({
      secret: 'ABCD EFGH IJKL MNOP QRST UVWX YZ23 4567',
      otpauthUri: 'otpauth://totp/V%C3%A4rn:handlaggare?secret=ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
      qrDataUrl: 'data:image/svg+xml;base64,PHN2Zy8+',
    });
    await tick();
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  const codeInput = () => el.querySelector('varn-totp-code-field input') as HTMLInputElement;

  it('shows the QR code with a text alternative: an alt text and the key in groups', () => {
    expect(el.querySelectorAll('h1').length).toBe(1);
    const img = el.querySelector('img') as HTMLImageElement;
    expect(img.getAttribute('src')).toBe('data:image/svg+xml;base64,PHN2Zy8+');
    expect(img.getAttribute('alt')?.length).toBeGreaterThan(20);
    expect(el.querySelector('.secret code')?.textContent).toBe(
      'ABCD EFGH IJKL MNOP QRST UVWX YZ23 4567',
    );
    expect(codeInput().getAttribute('autocomplete')).toBe('one-time-code');
    expect(codeInput().getAttribute('inputmode')).toBe('numeric');
  });

  it('confirms with a code, shows the ten recovery codes once, and continues only after they are saved', async () => {
    const router = TestBed.inject(Router);
    codeInput().value = '123456';
    codeInput().dispatchEvent(new Event('input'));
    (el.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    const req = http.expectOne('/api/auth/second-factor/enrol/confirm');
    expect(req.request.body).toEqual({ code: '123456' });
    req.flush({ recoveryCodes: CODES });
    await tick();
    const { me, rules } = demoAccount('handlaggare');
    http.expectOne('/api/me').flush({ ...me, secondFactor: 'done' });
    await tick();
    http.expectOne('/api/me/abilities').flush({ rules });
    await fixture.whenStable();

    const listed = [...el.querySelectorAll('ol li code')].map((c) => c.textContent);
    expect(listed).toEqual(CODES);
    const download = el.querySelector('a[download]') as HTMLAnchorElement;
    expect(decodeURIComponent(download.getAttribute('href') ?? '')).toContain(CODES[9]);

    const continueButton = () =>
      [...el.querySelectorAll('button')].find((b) => b.closest('p') && !b.closest('form'))!;
    continueButton().click();
    await fixture.whenStable();
    expect(router.url).toBe('/');
    expect(el.querySelector('varn-alert.alert-warning')).not.toBeNull();

    (el.querySelector('.saved input') as HTMLInputElement).click();
    await fixture.whenStable();
    continueButton().click();
    await fixture.whenStable();
    await tick();
    expect(router.url).toBe('/arenden');
  });
});
