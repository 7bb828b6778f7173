import { checkPassword } from './password-policy';

describe('password policy', () => {
  it('accepts a long passphrase', () => {
    expect(checkPassword('gurka-trappa-solsken-moln')).toEqual([]);
  });
  it('rejects short passwords, counting characters not bytes', () => {
    expect(checkPassword('åäöåäöåäöåä')).toEqual(['too_short']);
    expect(checkPassword('åäöåäöåäöåäö').includes('too_short')).toBe(false);
  });
  it('rejects passwords from the common-password list regardless of case', () => {
    expect(checkPassword('Password1234')).toEqual(['common']);
  });
  it('rejects easily guessed passwords', () => {
    expect(checkPassword('aaaaaaaaaaaaaaaa')).toEqual(['weak']);
  });
  it('rejects the username and the current password', () => {
    expect(checkPassword('anna.karlsson-2026!', { username: 'anna.karlsson' })).toEqual([
      'contains_username',
    ]);
    expect(
      checkPassword('gurka-trappa-solsken-moln', { currentPassword: 'gurka-trappa-solsken-moln' }),
    ).toEqual(['same_as_current']);
  });
  it('rejects overly long input', () => {
    expect(checkPassword('x'.repeat(129))).toEqual(['too_long']);
  });
});
