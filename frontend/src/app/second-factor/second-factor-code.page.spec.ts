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
import { SecondFactorCodePage } from './second-factor-code.page';

@Component({
  selector: 'varn-blank',
  template: '',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Blank {}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve));

describe('SecondFactorCodePage', () => {
  let fixture: ComponentFixture<SecondFactorCodePage>;
  let http: HttpTestingController;
  let el: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [SecondFactorCodePage],
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
    fixture = TestBed.createComponent(SecondFactorCodePage);
    fixture.componentRef.setInput('returnUrl', '/arenden');
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  const input = () => el.querySelector('input') as HTMLInputElement;
  function type(value: string): void {
    input().value = value;
    input().dispatchEvent(new Event('input'));
  }
  const submit = () => (el.querySelector('button[type="submit"]') as HTMLButtonElement).click();

  it('has one h1 and a code field that phones fill in: one-time-code, numeric keyboard, labelled', () => {
    expect(el.querySelectorAll('h1').length).toBe(1);
    expect(input().getAttribute('autocomplete')).toBe('one-time-code');
    expect(input().getAttribute('inputmode')).toBe('numeric');
    expect(input().id).toBeTruthy();
    expect(el.querySelector(`label[for="${input().id}"]`)).not.toBeNull();
  });

  it('sends the code without spaces, reloads the session and goes where the person was going', async () => {
    const router = TestBed.inject(Router);
    type('123 456');
    submit();
    http.expectOne('/api/auth/second-factor/verify').flush({ recoveryCodesLeft: 10 });
    await tick();
    const { me, rules } = demoAccount('handlaggare');
    http.expectOne('/api/me').flush({ ...me, secondFactor: 'done' });
    await tick();
    http.expectOne('/api/me/abilities').flush({ rules });
    await fixture.whenStable();
    await tick();
    expect(router.url).toBe('/arenden');
  });

  it('does not send a code that is not six digits', async () => {
    type('12345');
    submit();
    await fixture.whenStable();
    http.expectNone('/api/auth/second-factor/verify');
    expect(input().getAttribute('aria-invalid')).toBe('true');
  });

  it('keeps what was typed and says so when the server refuses the code', async () => {
    type('654321');
    submit();
    http.expectOne('/api/auth/second-factor/verify').flush(
      {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        code: 'invalid_code',
        errors: [{ field: 'code', messages: ['invalid_code'] }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(input().value).toBe('654321');
    expect(input().getAttribute('aria-invalid')).toBe('true');
    expect(el.querySelector('varn-problem-alert [role="alert"]')).not.toBeNull();
  });

  it('switches to a recovery code (a text field, no one-time-code autofill) and sends it as recoveryCode', async () => {
    const toggle = [...el.querySelectorAll('button[type="button"]')][0] as HTMLButtonElement;
    toggle.click();
    await fixture.whenStable();
    expect(input().getAttribute('autocomplete')).toBe('off');
    expect(input().getAttribute('inputmode')).toBeNull();
    type('acdef-gh347');
    submit();
    const req = http.expectOne('/api/auth/second-factor/verify');
    expect(req.request.body).toEqual({ recoveryCode: 'acdef-gh347' });
    req.flush({ recoveryCodesLeft: 9 });
    await tick();
    const { me, rules } = demoAccount('handlaggare');
    http.expectOne('/api/me').flush({ ...me, secondFactor: 'done' });
    await tick();
    http.expectOne('/api/me/abilities').flush({ rules });
    await fixture.whenStable();
  });
});
