import type TestAgent from 'supertest/lib/agent';
import { UserEntity } from '../users/entities/user.entity';
import { OrgUnitEntity } from './entities/org-unit.entity';
import { UnitUsageRegistry } from './unit-usage.registry';
import { describeEachEngine, TestApp, uniq } from '../testing/test-app';

interface UnitBody {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
  depth: number;
  active: boolean;
}

describeEachEngine('Organisation units', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(engine);
  });
  afterAll(() => t.stop());

  /** A fresh tree per test: root → A → A1 → A1a, root → B → B1; an admin over the root. */
  async function tree() {
    const root = await t.unit(uniq('Förvaltning'));
    const a = await t.unit(uniq('Avd A'), root, 'avdelning');
    const a1 = await t.unit(uniq('Enhet A1'), a);
    const a1a = await t.unit(uniq('Grupp A1a'), a1);
    const b = await t.unit(uniq('Avd B'), root, 'avdelning');
    const b1 = await t.unit(uniq('Enhet B1'), b);
    const adminUser = await t.user(uniq('admin'), root, [['administrator', root]]);
    const admin = await t.login(adminUser.username);
    return { root, a, a1, a1a, b, b1, adminUser, admin };
  }

  /** The units of one tree, in the order GET /api/units returns them. */
  async function listed(agent: TestAgent, ids: string[]): Promise<UnitBody[]> {
    const res = await agent.get('/api/units').expect(200);
    return (res.body as UnitBody[]).filter((u) => ids.includes(u.id));
  }

  const row = (id: string) => t.dataSource.getRepository(OrgUnitEntity).findOneBy({ id });

  /** Every unit's path is its parent's path plus its own id, and depth matches. */
  async function expectConsistentPaths(ids: string[]) {
    for (const id of ids) {
      const u = (await row(id))!;
      if (!u.parentId) {
        expect(u.path).toBe(`/${u.id}/`);
        expect(u.depth).toBe(0);
      } else {
        const p = (await row(u.parentId))!;
        expect(u.path).toBe(`${p.path}${u.id}/`);
        expect(u.depth).toBe(p.depth + 1);
      }
    }
  }

  describe('as an administrator over the root', () => {
    it('creates a unit below a unit in scope and audits it', async () => {
      const { a, adminUser, admin } = await tree();
      const name = uniq('Ny enhet');
      const res = await admin
        .post('/api/units')
        .send({ name: `  ${name}  `, kind: 'enhet', parentId: a.id })
        .expect(201);
      expect(res.body).toMatchObject({
        name,
        kind: 'enhet',
        parentId: a.id,
        depth: a.depth + 1,
        active: true,
      });
      const saved = (await row(res.body.id))!;
      expect(saved.path).toBe(`${a.path}${res.body.id}/`);
      const entries = await t.auditEntries({ objectId: res.body.id, action: 'unit.created' });
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        actorId: adminUser.id,
        actorName: adminUser.username,
        objectType: 'OrgUnit',
        outcome: 'success',
      });
      expect(JSON.parse(entries[0].details)).toMatchObject({ name, kind: 'enhet', parentId: a.id });
    });

    it('renames a unit and audits the change', async () => {
      const { a1, admin } = await tree();
      const name = uniq('Omdöpt');
      const res = await admin.patch(`/api/units/${a1.id}`).send({ name }).expect(200);
      expect(res.body).toMatchObject({ id: a1.id, name, depth: a1.depth });
      expect((await row(a1.id))!.name).toBe(name);
      const e = await t.auditEntries({ objectId: a1.id, action: 'unit.updated' });
      expect(e).toHaveLength(1);
      expect(JSON.parse(e[0].details)).toEqual({ name: { from: a1.name, to: name } });
    });

    it('refuses a duplicate sibling name (any case) with 409 and changes nothing', async () => {
      const { a, a1, admin } = await tree();
      const sibling = await t.unit(uniq('Syskon'), a);
      const before = await listed(admin, [a.id, a1.id, sibling.id]);

      const dupCreate = await admin
        .post('/api/units')
        .send({ name: a1.name.toUpperCase(), kind: 'enhet', parentId: a.id })
        .expect(409);
      expect(dupCreate.body.code).toBe('conflict');
      const dupRename = await admin
        .patch(`/api/units/${sibling.id}`)
        .send({ name: a1.name })
        .expect(409);
      expect(dupRename.body.code).toBe('conflict');

      const all = (await admin.get('/api/units').expect(200)).body as UnitBody[];
      expect(
        all
          .filter((u) => u.parentId === a.id)
          .map((u) => u.id)
          .sort(),
      ).toEqual([a1.id, sibling.id].sort());
      expect(await listed(admin, [a.id, a1.id, sibling.id])).toEqual(before);
      expect(await t.auditEntries({ objectId: sibling.id })).toHaveLength(0);
    });

    it('moves a subtree deeper and back up; paths, depth and list order follow', async () => {
      const { root, a, a1, a1a, b, b1, admin } = await tree();
      const leaf = await t.unit(uniq('Lov'), a1a);
      const ids = [root.id, a.id, a1.id, a1a.id, leaf.id, b.id, b1.id];

      const moved = await admin.patch(`/api/units/${a1.id}`).send({ parentId: b1.id }).expect(200);
      expect(moved.body).toMatchObject({ id: a1.id, parentId: b1.id, depth: 3 });
      let list = await listed(admin, ids);
      expect(list.map((u) => [u.id, u.depth])).toEqual([
        [root.id, 0],
        [a.id, 1],
        [b.id, 1],
        [b1.id, 2],
        [a1.id, 3],
        [a1a.id, 4],
        [leaf.id, 5],
      ]);
      await expectConsistentPaths(ids);
      expect(await t.auditEntries({ objectId: a1.id, action: 'unit.moved' })).toHaveLength(1);

      // up again, two levels at once (negative depth change)
      await admin.patch(`/api/units/${a1a.id}`).send({ parentId: root.id }).expect(200);
      list = await listed(admin, ids);
      const depth = Object.fromEntries(list.map((u) => [u.id, u.depth]));
      expect(depth).toMatchObject({ [a1.id]: 3, [a1a.id]: 1, [leaf.id]: 2 });
      await expectConsistentPaths(ids);
      // the list is depth-first: a1a's child follows it directly
      const order = list.map((u) => u.id);
      expect(order.indexOf(leaf.id)).toBe(order.indexOf(a1a.id) + 1);
    });

    it('refuses to move a unit below itself or its own descendant (409 unit_cycle)', async () => {
      const { root, a, a1, a1a, admin } = await tree();
      const r1 = await admin.patch(`/api/units/${a.id}`).send({ parentId: a1a.id }).expect(409);
      expect(r1.body.code).toBe('unit_cycle');
      const r2 = await admin.patch(`/api/units/${a1.id}`).send({ parentId: a1.id }).expect(409);
      expect(r2.body.code).toBe('unit_cycle');
      expect((await row(a.id))!).toMatchObject({ parentId: root.id, path: a.path, depth: 1 });
      expect((await row(a1a.id))!.path).toBe(a1a.path);
    });

    it('deactivates a whole subtree; a child cannot be activated under an inactive parent', async () => {
      const { root, a, a1, a1a, b, admin } = await tree();
      const res = await admin.post(`/api/units/${a.id}/deactivate`).expect(200);
      expect(res.body).toMatchObject({ id: a.id, active: false });
      const list = await listed(admin, [root.id, a.id, a1.id, a1a.id, b.id]);
      expect(Object.fromEntries(list.map((u) => [u.id, u.active]))).toEqual({
        [root.id]: true,
        [a.id]: false,
        [a1.id]: false,
        [a1a.id]: false,
        [b.id]: true,
      });
      const e = await t.auditEntries({ objectId: a.id, action: 'unit.deactivated' });
      expect(JSON.parse(e[0].details)).toEqual({ units: 3 });

      const child = await admin.post(`/api/units/${a1.id}/activate`).expect(409);
      expect(child.body.code).toBe('conflict');
      expect((await row(a1.id))!.active).toBe(false);

      // no new units below an inactive unit
      await admin
        .post('/api/units')
        .send({ name: uniq('Under inaktiv'), kind: 'enhet', parentId: a1.id })
        .expect(409);

      await admin.post(`/api/units/${a.id}/activate`).expect(200);
      expect((await row(a1.id))!.active).toBe(false); // activation is one unit at a time
      const ok = await admin.post(`/api/units/${a1.id}/activate`).expect(200);
      expect(ok.body.active).toBe(true);
    });

    it('refuses to move a unit under an inactive unit (409) and leaves it where it was', async () => {
      const { a, a1, b, admin } = await tree();
      await admin.post(`/api/units/${b.id}/deactivate`).expect(200);
      const res = await admin.patch(`/api/units/${a1.id}`).send({ parentId: b.id }).expect(409);
      expect(res.body.code).toBe('conflict');
      expect((await row(a1.id))!.parentId).toBe(a.id);
    });

    it('keeps förvaltning for the root only (400 on kind, nothing changes)', async () => {
      const { root, a, admin } = await tree();
      const c = await admin
        .post('/api/units')
        .send({ name: uniq('Ny'), kind: 'forvaltning', parentId: a.id })
        .expect(400);
      expect(c.body.errors[0]).toEqual({ field: 'kind', messages: ['invalid_kind'] });
      await admin.patch(`/api/units/${a.id}`).send({ kind: 'forvaltning' }).expect(400);
      await admin.patch(`/api/units/${root.id}`).send({ kind: 'enhet' }).expect(400);
      expect((await row(root.id))!.kind).toBe('forvaltning');
      expect((await row(a.id))!.kind).toBe('avdelning');
    });

    it('refuses to deactivate, move or delete the root', async () => {
      const { root, b, admin } = await tree();
      const de = await admin.post(`/api/units/${root.id}/deactivate`).expect(409);
      expect(de.body.code).toBe('root_unit');
      const mv = await admin.patch(`/api/units/${root.id}`).send({ parentId: b.id }).expect(409);
      expect(mv.body.code).toBe('root_unit');
      const del = await admin.delete(`/api/units/${root.id}`).expect(409);
      expect(del.body.code).toBe('root_unit');
      expect((await row(root.id))!.active).toBe(true);
    });

    it('deletes an empty unit (204) and audits it', async () => {
      const { a1a, admin } = await tree();
      await admin.delete(`/api/units/${a1a.id}`).expect(204);
      expect(await row(a1a.id)).toBeNull();
      const all = (await admin.get('/api/units').expect(200)).body as UnitBody[];
      expect(all.some((u) => u.id === a1a.id)).toBe(false);
      expect(await t.auditEntries({ objectId: a1a.id, action: 'unit.deleted' })).toHaveLength(1);
    });

    it('refuses to delete a unit that has users (409 unit_in_use naming "användare", no count) and deletes nothing', async () => {
      const { b1, admin } = await tree();
      const person = await t.user(uniq('person'), b1);
      await t.user(uniq('person'), b1);
      const res = await admin.delete(`/api/units/${b1.id}`).expect(409);
      expect(res.body.code).toBe('unit_in_use');
      expect(res.body.inUse).toEqual(['users']);
      expect(res.body.detail).toContain('användare');
      expect(res.body.detail).not.toMatch(/\d/);
      expect(await row(b1.id)).not.toBeNull();
      expect(await t.dataSource.getRepository(UserEntity).countBy({ id: person.id })).toBe(1);
      expect(await t.auditEntries({ objectId: b1.id })).toHaveLength(0);
    });

    it('refuses to delete a unit with sub-units or role assignments', async () => {
      const { a, b1, admin } = await tree();
      const withChildren = await admin.delete(`/api/units/${a.id}`).expect(409);
      expect(withChildren.body.code).toBe('unit_in_use');
      expect(withChildren.body.detail).toMatch(/underenhet/);
      const elsewhere = await t.unit(uniq('Hemenhet'), a);
      await t.user(uniq('roll'), elsewhere, [['chef', b1]]);
      const withRole = await admin.delete(`/api/units/${b1.id}`).expect(409);
      expect(withRole.body.detail).toMatch(/rolltilldelning/);
      expect(withRole.body.inUse).toEqual(['role_assignments']);
      expect(withChildren.body.inUse).toEqual(['children']);
      expect(await row(b1.id)).not.toBeNull();
    });

    it('never names a kind of data the reader may not see, nor any count, but still refuses', async () => {
      const { a1a, b1, admin } = await tree();
      // a feature whose data the administrator may not read (as cases will be)
      const secretUnits = new Set([a1a.id, b1.id]);
      t.app.get(UnitUsageRegistry).register({
        kind: 'hidden_cases_probe',
        label: 'hemliga ärenden',
        visibleTo: ['read', 'Case'],
        inUse: (unitId) => Promise.resolve(secretUnits.has(unitId)),
      });
      const onlySecret = await admin.delete(`/api/units/${a1a.id}`).expect(409);
      expect(onlySecret.body).toMatchObject({ code: 'unit_in_use', inUse: [] });
      expect(JSON.stringify(onlySecret.body)).not.toMatch(/hemliga|hidden_cases|ärende|\d+ /);
      expect(await row(a1a.id)).not.toBeNull();

      await t.user(uniq('person'), b1);
      const mixed = await admin.delete(`/api/units/${b1.id}`).expect(409);
      expect(mixed.body.inUse).toEqual(['users']);
      expect(JSON.stringify(mixed.body)).not.toMatch(/hemliga|hidden_cases|ärende/);
      expect(mixed.body.detail).not.toMatch(/\d/);
      expect(await row(b1.id)).not.toBeNull();
    });
  });

  describe('scope', () => {
    it('an administrator of department A can work in A but not in B', async () => {
      const { a, a1, b, b1 } = await tree();
      const adminA = await t.user(uniq('admin-a'), a, [['administrator', a]]);
      const agent = await t.login(adminA.username);

      // in scope: fine
      const created = await agent
        .post('/api/units')
        .send({ name: uniq('I A'), kind: 'enhet', parentId: a1.id })
        .expect(201);
      await agent
        .patch(`/api/units/${created.body.id}`)
        .send({ name: uniq('I A omdöpt') })
        .expect(200);

      // out of scope: 403 and nothing changes
      const create = await agent
        .post('/api/units')
        .send({ name: uniq('I B'), kind: 'enhet', parentId: b.id })
        .expect(403);
      expect(create.body.code).toBe('forbidden');
      await agent
        .patch(`/api/units/${b1.id}`)
        .send({ name: uniq('Kapad') })
        .expect(403);
      await agent.post(`/api/units/${b1.id}/deactivate`).expect(403);
      await agent.delete(`/api/units/${b1.id}`).expect(403);
      const move = await agent.patch(`/api/units/${a1.id}`).send({ parentId: b.id }).expect(403);
      expect(move.body.code).toBe('forbidden');

      expect((await row(b1.id))!).toMatchObject({ name: b1.name, active: true });
      expect((await row(a1.id))!).toMatchObject({ parentId: a.id, path: a1.path });
      const underB = ((await agent.get('/api/units').expect(200)).body as UnitBody[]).filter(
        (u) => u.parentId === b.id,
      );
      expect(underB.map((u) => u.id)).toEqual([b1.id]);
    });

    it('an administrator of A cannot move a unit of B into A either', async () => {
      const { a, a1, b1 } = await tree();
      const adminA = await t.user(uniq('admin-a'), a, [['administrator', a]]);
      const agent = await t.login(adminA.username);
      await agent.patch(`/api/units/${b1.id}`).send({ parentId: a1.id }).expect(403);
      expect((await row(b1.id))!.path).toBe(b1.path);
    });

    it('an employee can read the tree but not change it', async () => {
      const { a, a1 } = await tree();
      const emp = await t.user(uniq('medarb'), a1, [['medarbetare', a1]]);
      const agent = await t.login(emp.username);
      const list = (await agent.get('/api/units').expect(200)).body as UnitBody[];
      expect(list.map((u) => u.id)).toEqual(expect.arrayContaining([a.id, a1.id]));
      const res = await agent
        .post('/api/units')
        .send({ name: uniq('Nej'), kind: 'enhet', parentId: a1.id })
        .expect(403);
      expect(res.body.code).toBe('forbidden');
      await agent
        .patch(`/api/units/${a1.id}`)
        .send({ name: uniq('Nej') })
        .expect(403);
      await agent.delete(`/api/units/${a1.id}`).expect(403);
    });

    it('needs a session', async () => {
      await t.http().get('/api/units').expect(401);
    });
  });

  describe('validation', () => {
    it('names the missing or malformed fields', async () => {
      const { a, admin } = await tree();
      const fields = async (body: object) => {
        const res = await admin.post('/api/units').send(body).expect(400);
        expect(res.body.code).toBe('validation_failed');
        return (res.body.errors as Array<{ field: string }>).map((e) => e.field);
      };
      expect(await fields({ kind: 'enhet', parentId: a.id })).toEqual(['name']);
      expect(await fields({ name: '', kind: 'enhet', parentId: a.id })).toEqual(['name']);
      expect(await fields({ name: 'x', kind: 'kontor', parentId: a.id })).toEqual(['kind']);
      expect(await fields({ name: 'x', kind: 'enhet', parentId: 'inte-ett-uuid' })).toEqual([
        'parentId',
      ]);
      expect(await fields({ name: '<script>', kind: 'enhet', parentId: a.id })).toEqual(['name']);
      expect((await fields({})).sort()).toEqual(['kind', 'name', 'parentId']);
    });

    it('refuses null for the optional fields of a change (400, not 500) and changes nothing', async () => {
      const { a1, admin } = await tree();
      for (const field of ['name', 'kind', 'parentId']) {
        const res = await admin
          .patch(`/api/units/${a1.id}`)
          .send({ [field]: null })
          .expect(400);
        expect(res.body.code).toBe('validation_failed');
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
      }
      expect(await row(a1.id)).toMatchObject({ name: a1.name, kind: 'enhet', path: a1.path });
    });

    it('answers a valid but unknown parent with 400 on parentId', async () => {
      const { admin } = await tree();
      const res = await admin
        .post('/api/units')
        .send({
          name: uniq('Föräldralös'),
          kind: 'enhet',
          parentId: '7d1f1c9e-0000-4000-8000-000000000000',
        })
        .expect(400);
      expect(res.body.errors[0].field).toBe('parentId');
    });

    it('answers a malformed id with 400 and an unknown id with 404', async () => {
      const { admin } = await tree();
      await admin.patch('/api/units/not-a-uuid').send({ name: 'x' }).expect(400);
      await admin.post('/api/units/not-a-uuid/deactivate').expect(400);
      const unknown = '7d1f1c9e-0000-4000-8000-000000000001';
      const res = await admin.patch(`/api/units/${unknown}`).send({ name: 'x' }).expect(404);
      expect(res.body.code).toBe('not_found');
      await admin.delete(`/api/units/${unknown}`).expect(404);
      await admin.post(`/api/units/${unknown}/activate`).expect(404);
    });
  });
});
