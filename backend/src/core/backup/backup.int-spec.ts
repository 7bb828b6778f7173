import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../config/config';
import { dataSourceOptions } from '../database/data-source';
import { ChainVerifier } from '../audit/audit-chain';
import { GENESIS_HASH } from '../audit/audit.types';
import type { AuditEntryEntity } from '../audit/entities/audit-entry.entity';
import { FileStore } from '../files/file-store';
import { png } from '../../testing/file-fixtures';
import { describeEachEngine, freshPostgresDatabase, TestApp, uniq } from '../../testing/test-app';
import { BackupError, createBackup, restoreBackup } from './backup';

type Row = Record<string, unknown>;

/** Every table of a database with its rows, in a stable order and as JSON-comparable values. */
async function dump(ds: DataSource, engine: string): Promise<Map<string, string[]>> {
  const names =
    engine === 'postgres'
      ? (
          await ds.query<Array<{ n: string }>>(
            `SELECT table_name AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
          )
        ).map((r) => r.n)
      : (
          await ds.query<Array<{ n: string }>>(
            `SELECT name AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
          )
        ).map((r) => r.n);
  const out = new Map<string, string[]>();
  for (const n of names.sort()) {
    const rows = await ds.query<Row[]>(`SELECT * FROM "${n}"`);
    out.set(n, rows.map((r) => JSON.stringify(r, Object.keys(r).sort())).sort());
  }
  return out;
}

describeEachEngine('Backup and restore', (engine) => {
  let t: TestApp;
  let work: string;
  let target: { config: AppConfig; drop: () => Promise<void> };

  beforeAll(async () => {
    t = await TestApp.start(engine);
    work = mkdtempSync(join(tmpdir(), 'varn-backup-test-'));
    // an empty database and FILES_DIR to restore into
    const filesDir = join(work, 'restored-files');
    if (engine === 'postgres') {
      const fresh = await freshPostgresDatabase('varn_restore');
      target = { config: targetConfig(fresh.url, filesDir), drop: fresh.drop };
    } else {
      target = {
        config: targetConfig(`sqlite:${join(work, 'restored.db')}`, filesDir),
        drop: () => Promise.resolve(),
      };
    }
  });
  afterAll(async () => {
    await t.stop();
    await target.drop();
    rmSync(work, { recursive: true, force: true });
  });

  function targetConfig(url: string, filesDir: string): AppConfig {
    return loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: url,
      FILES_DIR: filesDir,
      VARN_MASTER_KEY: t.config.masterKey.toString('base64'),
    });
  }

  it('round-trips a live system under write load: every table and file, a consistent cut, the chain intact', async () => {
    const root = await t.unit(uniq('Förvaltning'));
    const admin = await t.user(uniq('admin'), root, [['administrator', root]]);
    const agent = await t.login(admin.username);
    const files = t.app.get(FileStore);
    const stored = [];
    for (let i = 0; i < 3; i++)
      stored.push(
        await t.db.transaction(() =>
          files.put(png(), {
            ownerType: 'test',
            ownerId: uniq('o'),
            declaredName: `bild-${i}.png`,
            allowedTypes: ['png'],
          }),
        ),
      );

    // write load: units created through the API (a row and its audit entry in one transaction)
    let writing = true;
    let written = 0;
    const load = (async () => {
      while (writing) {
        await agent
          .post('/api/units')
          .send({ name: uniq('Last'), kind: 'enhet', parentId: root.id })
          .expect(201);
        written++;
      }
    })();
    await new Promise((r) => setTimeout(r, 150));
    const out = join(work, 'varn.backup');
    const manifest = await createBackup({
      config: t.config,
      dataSource: t.dataSource,
      out,
      appVersion: 'test',
    });
    await new Promise((r) => setTimeout(r, 150));
    writing = false;
    await load;
    expect(written).toBeGreaterThan(2);
    expect(manifest.engine).toBe(engine);
    expect(Object.keys(manifest.files).length).toBeGreaterThanOrEqual(3);
    // the file is encrypted: no table name, no PNG or SQLite magic in clear
    const raw = readFileSync(out);
    expect(raw.subarray(0, 9).toString()).toBe('VARNBAK1\n');
    for (const marker of ['audit_log', 'org_units', 'SQLite format', 'PGDMP', root.name])
      expect(raw.includes(Buffer.from(marker))).toBe(false);

    const restored = await restoreBackup({ config: target.config, from: out });
    expect(restored.auditHead).toEqual(manifest.auditHead);

    const ds = new DataSource(dataSourceOptions(target.config.database));
    await ds.initialize();
    try {
      const after = await dump(ds, engine);
      const source = await dump(t.dataSource, engine);
      expect([...after.keys()]).toEqual([...source.keys()]);
      for (const [table, rows] of after) {
        // the snapshot's row counts, and every row as it is in the source
        expect({ table, rows: rows.length }).toEqual({ table, rows: manifest.tables[table] });
        const src = new Set(source.get(table));
        // (sessions touch lastSeenAt and counters count on after the snapshot: not row sets)
        if (table === 'sessions' || table === 'change_counters') continue;
        const missing = rows.filter((r) => !src.has(r));
        expect({ table, missing }).toEqual({ table, missing: [] });
      }
      // a consistent cut: the audit log is exactly the source's up to the snapshot's head, its
      // chain verifies, and every restored load unit has its audit entry (and no entry lacks its unit)
      const log = await ds.query<AuditEntryEntity[]>('SELECT * FROM audit_log ORDER BY seq');
      expect(Number(log[log.length - 1].seq)).toBe(manifest.auditHead.seq);
      const verifier = new ChainVerifier(GENESIS_HASH);
      verifier.feed(
        log.map((e) => ({ ...e, seq: Number(e.seq), occurredAt: new Date(e.occurredAt) })),
      );
      expect(verifier.result().ok).toBe(true);
      const units = new Set(
        (
          await ds.query<Array<{ id: string }>>(
            `SELECT id FROM org_units WHERE "parentId" = '${root.id}'`,
          )
        ).map((r) => r.id),
      );
      const created = new Set(
        log
          .filter((e) => e.action === 'unit.created' && units.has(e.objectId!))
          .map((e) => e.objectId),
      );
      const loadEntries = log.filter(
        (e) => e.action === 'unit.created' && JSON.stringify(e).includes(root.id),
      );
      expect(created.size).toBe(units.size);
      expect(loadEntries.length).toBe(units.size);
      expect(units.size).toBeGreaterThan(0);
      expect(units.size).toBeLessThanOrEqual(written);
    } finally {
      await ds.destroy();
    }
    // every attachment file the restored database refers to is back, byte for byte
    const ds2 = new DataSource(dataSourceOptions(target.config.database));
    await ds2.initialize();
    try {
      const keys = await ds2.query<Array<{ k: string }>>('SELECT "storageKey" AS k FROM files');
      expect(keys.length).toBeGreaterThanOrEqual(stored.length);
      for (const { k } of keys) {
        const rel = join(k.slice(0, 2), k);
        expect(readFileSync(join(target.config.files.dir, rel))).toEqual(
          readFileSync(join(t.config.files.dir, rel)),
        );
      }
    } finally {
      await ds2.destroy();
    }
  }, 120_000);

  it('refuses a changed file, another master key, and a target that is not empty', async () => {
    const out = join(work, 'second.backup');
    await createBackup({ config: t.config, dataSource: t.dataSource, out, appVersion: 'test' });
    const bytes = readFileSync(out);
    const changed = Buffer.from(bytes);
    changed[Math.floor(changed.length / 2)] ^= 0xff;
    writeFileSync(join(work, 'changed.backup'), changed);
    const empty = (name: string) =>
      loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: `sqlite:${join(work, `${name}.db`)}`,
        FILES_DIR: join(work, `${name}-files`),
        VARN_MASTER_KEY: t.config.masterKey.toString('base64'),
      });
    if (engine === 'sqlite') {
      await expect(
        restoreBackup({ config: empty('changed'), from: join(work, 'changed.backup') }),
      ).rejects.toThrow(BackupError);
      expect(existsSync(join(work, 'changed.db'))).toBe(false);
      const otherKey = loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: `sqlite:${join(work, 'otherkey.db')}`,
        FILES_DIR: join(work, 'otherkey-files'),
        VARN_MASTER_KEY: randomBytes(32).toString('base64'),
      });
      await expect(restoreBackup({ config: otherKey, from: out })).rejects.toThrow();
      expect(existsSync(join(work, 'otherkey.db'))).toBe(false);
    }
    // the first test restored into the target: it is not empty any more
    await expect(restoreBackup({ config: target.config, from: out })).rejects.toThrow(
      /not empty|exists|has tables/,
    );
  }, 120_000);
});
