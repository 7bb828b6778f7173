import { describeEachEngine, TestApp, uniq } from '../testing/test-app';
import { CasesRepository } from './cases.repository';

describeEachEngine('who is told about a case', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(engine);
  });
  afterAll(() => t.stop());

  it('handlers over the unit — never the routed-away one, an inactive one, or one who also holds a role barred from cases', async () => {
    const root = await t.unit(uniq('Förvaltning'));
    const a = await t.unit(uniq('Avdelning A'), root, 'avdelning');
    const a1 = await t.unit(uniq('Enhet A1'), a);
    const b = await t.unit(uniq('Avdelning B'), root, 'avdelning');
    const wide = await t.user(uniq('h'), a1, [['handlaggare', root]]);
    const local = await t.user(uniq('h'), a1, [['handlaggare', a]]);
    const elsewhere = await t.user(uniq('h'), a1, [['handlaggare', b]]);
    const routedAway = await t.user(uniq('h'), a1, [['handlaggare', a]]);
    const inactive = await t.user(uniq('h'), a1, [['handlaggare', a]], { active: false });
    const barred = [];
    for (const role of ['administrator', 'internrevisor', 'chef', 'avtalscontroller'] as const)
      barred.push(
        await t.user(uniq('h'), a1, [
          ['handlaggare', a],
          [role, b],
        ]),
      );
    const custodian = await t.user(uniq('i'), a1, [['identitetsansvarig', a]]);
    const adminCustodian = await t.user(uniq('i'), a1, [
      ['identitetsansvarig', a],
      ['administrator', a],
    ]);

    const repo = t.app.get(CasesRepository);
    const got = await repo.usersWithRoleOver('handlaggare', a1.path, [routedAway.id]);
    expect(got).toEqual([wide.id, local.id].sort());
    for (const u of [elsewhere, routedAway, inactive, ...barred]) expect(got).not.toContain(u.id);
    expect(await repo.usersWithRoleOver('identitetsansvarig', a1.path)).toEqual([custodian.id]);
    expect(adminCustodian.id).toBeDefined();
  });
});
