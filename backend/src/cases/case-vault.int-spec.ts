import { MasterKeyRotation } from '../core/crypto/master-key-rotation';
import { describeEachEngine, TestApp } from '../testing/test-app';
import { CaseVault } from './case-vault';
import { generateReceiptCode } from './domain/receipt-code';

describeEachEngine('CaseVault', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(engine);
  });
  afterAll(() => t.stop());

  const code = generateReceiptCode();

  it('seals per case and field: another case or field does not open it', () => {
    const vault = t.app.get(CaseVault);
    const { key } = vault.newCaseKey();
    const a = '6f1d0c0e-1111-4222-8333-444455556666';
    const b = '6f1d0c0e-1111-4222-8333-444455556667';
    const sealed = vault.seal(key, a, 'content', { description: 'hot vid tillsyn' });
    expect(sealed).not.toContain('tillsyn');
    expect(vault.open(key, a, 'content', sealed)).toEqual({ description: 'hot vid tillsyn' });
    expect(() => vault.open(key, b, 'content', sealed)).toThrow();
    expect(() => vault.open(key, a, 'identity', sealed)).toThrow();
    expect(vault.keyOf({ wrappedKey: null })).toBeNull();
  });

  it('keeps receipt hashes and reporter tags stable across a master-key rotation', async () => {
    const vault = t.app.get(CaseVault);
    const hash = await vault.receiptHash(code);
    const tag = await vault.reporterTag('user-1');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(code);
    expect(tag).not.toBe(await vault.reporterTag('user-2'));

    // a second instance on the same database with a new master key (the old one in the ring)
    const oldKey = t.config.masterKey.toString('base64');
    const t2 = await TestApp.start(
      engine,
      {
        VARN_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
        VARN_MASTER_KEYS_OLD: oldKey,
      },
      { sameDatabaseAs: t },
    );
    try {
      const report = await t2.app.get(MasterKeyRotation).rotate();
      expect(JSON.stringify(report)).toContain('app_secrets');
      const v2 = t2.app.get(CaseVault);
      expect(await v2.receiptHash(code)).toBe(hash);
      expect(await v2.reporterTag('user-1')).toBe(tag);
    } finally {
      await t2.app.close();
    }
  });
});
