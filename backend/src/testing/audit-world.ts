import type TestAgent from 'supertest/lib/agent';
import { DEFAULT_CHECKLIST_TEMPLATE } from '../audits/domain/checklist-template';
import { generateOrganisationNumber } from '../contracts/domain/organisation-number';
import type { UserEntity } from '../users/entities/user.entity';
import { TestApp, TestUnit, uniq } from './test-app';

/** Item ids of the default checklist, in order. */
export const DEFAULT_ITEMS = DEFAULT_CHECKLIST_TEMPLATE.sections.flatMap((s) =>
  s.items.map((i) => i.id),
);

export interface Person {
  user: UserEntity;
  agent: TestAgent;
}

/**
 * An organisation for audit tests (findings, evidence, report): units A (with A1) and B, a
 * controller in each, a second controller in A, a chef and an auditor over A, and two employees
 * in A1 (an action owner and someone else); a supplier and the default checklist's id.
 */
export async function auditWorld(t: TestApp) {
  const root = await t.unit(uniq('Förvaltning'));
  const a = await t.unit(uniq('Avd A'), root, 'avdelning');
  const a1 = await t.unit(uniq('Enhet A1'), a);
  const b = await t.unit(uniq('Avd B'), root, 'avdelning');
  const b1 = await t.unit(uniq('Enhet B1'), b);
  const as = async (
    roles: Parameters<TestApp['user']>[2],
    home: TestUnit = a1,
    name?: string,
  ): Promise<Person> => {
    const user = await t.user(uniq('p'), home, roles, name ? { displayName: name } : {});
    return { user, agent: await t.login(user.username) };
  };
  const controller = await as([['avtalscontroller', a]], a1, 'Cecilia Controller');
  const supplier = (
    await controller.agent
      .post('/api/suppliers')
      .send({
        name: uniq('Snöröjning Öst AB'),
        organisationNumber: generateOrganisationNumber(Math.random),
      })
      .expect(201)
  ).body as { id: string };
  const list = (await controller.agent.get('/api/checklists').expect(200)).body as {
    items: Array<{ id: string; key: string; current: boolean }>;
  };
  const checklistId = list.items.find(
    (i) => i.key === DEFAULT_CHECKLIST_TEMPLATE.key && i.current,
  )!.id;
  return {
    root,
    a,
    a1,
    b,
    b1,
    supplier,
    checklistId,
    controller,
    controller2: await as([['avtalscontroller', a]], a1, 'Kalle Kontrollant'),
    controllerB: await as([['avtalscontroller', b]], b1),
    chefA: await as([['chef', a]], a1, 'Cornelia Chef'),
    auditor: await as([['internrevisor', a]]),
    owner: await as([['medarbetare', a1]], a1, 'Åsa Åtgärdsansvarig'),
    other: await as([['medarbetare', a1]]),
  };
}
export type AuditWorld = Awaited<ReturnType<typeof auditWorld>>;

export async function auditContract(
  w: AuditWorld,
  followUpClass: 'A' | 'B' | 'C' = 'A',
  unit: TestUnit = w.a1,
): Promise<{ id: string; title: string; diarienummer: string }> {
  const res = await w.controller.agent
    .post('/api/contracts')
    .send({
      title: uniq('Vinterväghållning'),
      diarienummer: uniq('TN-2026'),
      supplierId: w.supplier.id,
      sector: 'stad',
      annualValue: 2_000_000,
      startDate: '2025-01-01',
      endDate: '2028-12-31',
      unitId: unit.id,
      followUpClass,
    })
    .expect(201);
  return res.body as { id: string; title: string; diarienummer: string };
}

export async function startAudit(
  w: AuditWorld,
  contractId: string,
  agent: TestAgent = w.controller.agent,
): Promise<{ id: string }> {
  const res = await agent
    .post('/api/audits')
    .send({ contractId, checklistId: w.checklistId })
    .expect(201);
  return res.body as { id: string };
}

export async function answer(
  agent: TestAgent,
  auditId: string,
  itemId: string,
  value: string,
  note = '',
  version = 0,
): Promise<void> {
  await agent
    .put(`/api/audits/${auditId}/answers/${itemId}`)
    .send({ answer: value, note, version })
    .expect(200);
}
