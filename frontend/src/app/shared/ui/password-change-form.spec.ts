import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideIcons } from '../../core/icons/icons';
import { provideTranslocoTesting } from '../../../testing/transloco';
import type { ChangePasswordRequest } from '../../core/api/models';
import type { Problem } from '../../core/errors/problem';
import { PasswordChangeForm } from './password-change-form';

@Component({
  selector: 'varn-host',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [PasswordChangeForm],
  template: `<varn-password-change-form
    [problem]="problem()"
    username="anna"
    (submitted)="sent.push($event)"
  />`,
})
class Host {
  readonly problem = signal<Problem | null>(null);
  readonly sent: ChangePasswordRequest[] = [];
}

function type(fixture: ComponentFixture<Host>, name: string, value: string): void {
  const input = (fixture.nativeElement as HTMLElement).querySelector(
    `input[formcontrolname="${name}"]`,
  ) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  input.dispatchEvent(new Event('blur'));
}

function submit(fixture: ComponentFixture<Host>): void {
  (
    (fixture.nativeElement as HTMLElement).querySelector(
      'button[type="submit"]',
    ) as HTMLButtonElement
  ).click();
}

const errors = (fixture: ComponentFixture<Host>): string[] =>
  Array.from((fixture.nativeElement as HTMLElement).querySelectorAll<HTMLElement>('mat-error')).map(
    (e) => e.textContent?.trim() ?? '',
  );

describe('PasswordChangeForm', () => {
  let fixture: ComponentFixture<Host>;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [Host],
      providers: [provideTranslocoTesting(), provideIcons()],
    });
    fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
  });

  it('shows the policy', () => {
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('minst 12 tecken');
  });

  it('does not send a too short password, a password with the username or a wrong repeat', async () => {
    type(fixture, 'currentPassword', 'gammalt lösenord');
    type(fixture, 'newPassword', 'kort');
    type(fixture, 'repeatPassword', 'annat');
    submit(fixture);
    await fixture.whenStable();
    expect(fixture.componentInstance.sent).toEqual([]);
    expect(errors(fixture)).toContain('Lösenordet måste ha minst 12 tecken.');
    expect(errors(fixture)).toContain('Lösenorden är inte likadana.');

    type(fixture, 'newPassword', 'annas-hemliga-fras');
    await fixture.whenStable();
    expect(errors(fixture)).toContain('Lösenordet får inte innehålla användarnamnet.');
  });

  it('sends current and new password when the form is valid', async () => {
    type(fixture, 'currentPassword', 'gammalt lösenord');
    type(fixture, 'newPassword', 'blåbär i skogen 2026');
    type(fixture, 'repeatPassword', 'blåbär i skogen 2026');
    submit(fixture);
    await fixture.whenStable();
    expect(fixture.componentInstance.sent).toEqual([
      { currentPassword: 'gammalt lösenord', newPassword: 'blåbär i skogen 2026' },
    ]);
  });

  it("shows the server's reasons next to the fields and keeps the input", async () => {
    type(fixture, 'currentPassword', 'gammalt lösenord');
    type(fixture, 'newPassword', 'sommar sommar 2026');
    type(fixture, 'repeatPassword', 'sommar sommar 2026');
    fixture.componentInstance.problem.set({
      status: 400,
      code: 'password_policy',
      errors: [{ field: 'newPassword', messages: ['common'] }],
    });
    await fixture.whenStable();
    expect(errors(fixture)).toContain(
      'Lösenordet är för vanligt. Välj en längre fras som inte är lätt att gissa.',
    );
    const input = (fixture.nativeElement as HTMLElement).querySelector(
      'input[formcontrolname="newPassword"]',
    ) as HTMLInputElement;
    expect(input.value).toBe('sommar sommar 2026');

    fixture.componentInstance.problem.set({ status: 400, code: 'wrong_password' });
    await fixture.whenStable();
    expect(errors(fixture)).toContain('Lösenordet stämmer inte. Skriv ditt nuvarande lösenord.');
    expect(
      (fixture.nativeElement as HTMLElement).querySelector('[role="alert"]')?.textContent,
    ).toContain('Det nuvarande lösenordet stämmer inte.');
  });
});
