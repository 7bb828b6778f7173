/**
 * `varn backup` and `varn restore`: a consistent, encrypted copy of a live installation — the
 * database and the encrypted attachments — in one file.
 *
 * Consistency: SQLite is copied with its online backup API (a snapshot of committed data while
 * writers go on); PostgreSQL with `pg_dump` inside an exported snapshot, so the dump, the audit
 * head and the row counts in the manifest are the same moment. The attachments are copied after
 * the snapshot: every file the snapshot refers to already exists (a file is written before its
 * row commits); files added later are extra and harmless.
 *
 * The archive (tar + gzip, by `tar`) is encrypted with AES-256-GCM under a fresh key wrapped by
 * the master key, like every other data key: restoring needs the master key (or an old one in
 * VARN_MASTER_KEYS_OLD), and any change to the file is refused by the GCM tag.
 */
import { execFile } from 'node:child_process';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import {
  copyFile,
  cp,
  mkdir,
  mkdtemp,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import * as tar from 'tar';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { EnvelopeCrypto } from '../crypto/envelope-crypto';

const run = promisify(execFile);
const MAGIC = 'VARNBAK1\n';
const TAG_BYTES = 16;

export interface BackupManifest {
  format: 'varn-backup/1';
  appVersion: string;
  engine: 'sqlite' | 'postgres';
  createdAt: string;
  /** The audit chain's head in the snapshot (0 and null for an empty log). */
  auditHead: { seq: number; hash: string | null };
  /** Rows per table in the snapshot. */
  tables: Record<string, number>;
  /** Attachment files: path under FILES_DIR → SHA-256. */
  files: Record<string, string>;
}

export class BackupError extends Error {}

/** Writes an encrypted backup of the running installation to `out` (atomically: `out.partial`, then renamed). */
export async function createBackup(opts: {
  config: AppConfig;
  dataSource: DataSource;
  out: string;
  appVersion: string;
  now?: Date;
}): Promise<BackupManifest> {
  const { config, dataSource } = opts;
  const work = await mkdtemp(join(tmpdir(), 'varn-backup-'));
  try {
    await mkdir(join(work, 'data'));
    const snapshot =
      config.database.type === 'sqlite'
        ? await snapshotSqlite(dataSource, join(work, 'data', 'database.sqlite'))
        : await snapshotPostgres(
            config.database.url,
            dataSource,
            join(work, 'data', 'database.dump'),
          );
    const files = await copyTree(config.files.dir, join(work, 'data', 'files'));
    const manifest: BackupManifest = {
      format: 'varn-backup/1',
      appVersion: opts.appVersion,
      engine: config.database.type,
      createdAt: (opts.now ?? new Date()).toISOString(),
      auditHead: snapshot.auditHead,
      tables: snapshot.tables,
      files,
    };
    await writeFile(join(work, 'data', 'manifest.json'), JSON.stringify(manifest, null, 2));
    const archive = join(work, 'archive.tgz');
    await tar.c({ gzip: true, cwd: join(work, 'data'), file: archive, portable: true }, ['.']);
    await mkdir(dirname(opts.out), { recursive: true });
    const partial = `${opts.out}.partial`;
    await encryptFile(archive, partial, new EnvelopeCrypto(config));
    await rename(partial, opts.out);
    return manifest;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Restores a backup into the configured database and FILES_DIR. Refuses a target that is not
 * empty (a SQLite file that exists, a PostgreSQL database with tables, a FILES_DIR with files),
 * so a restore never mixes two installations; run it with Värn stopped.
 */
export async function restoreBackup(opts: {
  config: AppConfig;
  from: string;
}): Promise<BackupManifest> {
  const { config } = opts;
  const work = await mkdtemp(join(tmpdir(), 'varn-restore-'));
  try {
    const archive = join(work, 'archive.tgz');
    await decryptFile(opts.from, archive, new EnvelopeCrypto(config));
    const data = join(work, 'data');
    await mkdir(data);
    // a backup is trusted only after its tag checked out; still, never let it write outside `data`
    await tar.x({ file: archive, cwd: data, strict: true, preservePaths: false });
    const manifest = JSON.parse(
      await readFile(join(data, 'manifest.json'), 'utf8'),
    ) as BackupManifest;
    if (manifest.format !== 'varn-backup/1') throw new BackupError('Not a Värn backup (format).');
    if (manifest.engine !== config.database.type)
      throw new BackupError(
        `The backup is of a ${manifest.engine} database; DATABASE_URL points to ${config.database.type}.`,
      );
    const files = await hashTree(join(data, 'files'));
    if (JSON.stringify(sorted(files)) !== JSON.stringify(sorted(manifest.files)))
      throw new BackupError('The attachments in the backup do not match its manifest.');
    if ((await listFiles(config.files.dir)).length)
      throw new BackupError(`FILES_DIR (${config.files.dir}) is not empty.`);

    if (config.database.type === 'sqlite') {
      const target = config.database.path;
      if (existsSync(target) && (await stat(target)).size > 0)
        throw new BackupError(`The database file ${target} exists; restore into a new path.`);
      await mkdir(dirname(target), { recursive: true });
      await rm(`${target}-wal`, { force: true });
      await rm(`${target}-shm`, { force: true });
      await copyFile(join(data, 'database.sqlite'), target);
    } else {
      const ds = new DataSource({ type: 'postgres', url: config.database.url });
      await ds.initialize();
      try {
        const [{ n }] = await ds.query<Array<{ n: string }>>(
          `SELECT COUNT(1) AS n FROM information_schema.tables WHERE table_schema = 'public'`,
        );
        if (Number(n) > 0)
          throw new BackupError('The PostgreSQL database has tables; restore into an empty one.');
      } finally {
        await ds.destroy();
      }
      await run(
        process.env['PG_RESTORE'] ?? 'pg_restore',
        [
          '--no-owner',
          '--no-privileges',
          '--exit-on-error',
          '--dbname',
          config.database.url,
          join(data, 'database.dump'),
        ],
        { maxBuffer: 16 * 1024 * 1024 },
      );
    }
    await mkdir(config.files.dir, { recursive: true, mode: 0o700 });
    await cp(join(data, 'files'), config.files.dir, { recursive: true });
    return manifest;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

interface Snapshot {
  auditHead: BackupManifest['auditHead'];
  tables: Record<string, number>;
}

async function snapshotSqlite(ds: DataSource, dest: string): Promise<Snapshot> {
  const db = (
    ds.driver as unknown as { databaseConnection: { backup(to: string): Promise<unknown> } }
  ).databaseConnection;
  await db.backup(dest);
  // read the head and the counts from the copy itself: the same moment by construction
  const copy = new DataSource({ type: 'better-sqlite3', database: dest, readonly: true });
  await copy.initialize();
  try {
    const names = (
      await copy.query<Array<{ name: string }>>(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
      )
    ).map((r) => r.name);
    return { auditHead: await head(copy), tables: await counts(copy, names) };
  } finally {
    await copy.destroy();
  }
}

async function snapshotPostgres(url: string, ds: DataSource, dest: string): Promise<Snapshot> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const [{ id }] = (await runner.query('SELECT pg_export_snapshot() AS id')) as Array<{
      id: string;
    }>;
    const names = (
      (await runner.query(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
      )) as Array<{ name: string }>
    ).map((r) => r.name);
    const snapshot: Snapshot = {
      auditHead: await head(runner.manager.connection, runner),
      tables: await counts(runner.manager.connection, names, runner),
    };
    // the dump sees exactly what this transaction sees
    await run(
      process.env['PG_DUMP'] ?? 'pg_dump',
      ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${id}`, '--file', dest, url],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    await runner.query('COMMIT');
    return snapshot;
  } catch (e) {
    await runner.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await runner.release();
  }
}

type Queryable = { query<T>(sql: string): Promise<T> };

async function head(ds: DataSource, runner?: Queryable): Promise<BackupManifest['auditHead']> {
  const q = runner ?? ds;
  const rows = await q.query<Array<{ seq: number | string; hash: string }>>(
    'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
  );
  return rows.length ? { seq: Number(rows[0].seq), hash: rows[0].hash } : { seq: 0, hash: null };
}

async function counts(
  ds: DataSource,
  names: string[],
  runner?: Queryable,
): Promise<Record<string, number>> {
  const q = runner ?? ds;
  const out: Record<string, number> = {};
  for (const name of names) {
    const [{ n }] = await q.query<Array<{ n: number | string }>>(
      `SELECT COUNT(1) AS n FROM "${name}"`,
    );
    out[name] = Number(n);
  }
  return out;
}

async function listFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) out.push(join(e.parentPath, e.name));
  return out.sort();
}

async function sha256(file: string): Promise<string> {
  const h = createHash('sha256');
  await pipeline(createReadStream(file), h);
  return h.digest('hex');
}

async function hashTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of await listFiles(dir)) out[relative(dir, f)] = await sha256(f);
  return out;
}

/** Copies every attachment file; returns their hashes (of the copies, which are what is kept). */
async function copyTree(from: string, to: string): Promise<Record<string, string>> {
  await mkdir(to, { recursive: true });
  for (const f of await listFiles(from)) {
    const dest = join(to, relative(from, f));
    await mkdir(dirname(dest), { recursive: true });
    await copyFile(f, dest);
  }
  return hashTree(to);
}

const sorted = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).sort());

async function encryptFile(src: string, out: string, crypto: EnvelopeCrypto): Promise<void> {
  const { key, wrapped } = crypto.newDataKey();
  const iv = randomBytes(12);
  const header = MAGIC + JSON.stringify({ wrappedKey: wrapped, iv: iv.toString('base64') }) + '\n';
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(header, 'utf8'));
  const sink = createWriteStream(out, { mode: 0o600 });
  sink.write(header);
  await pipeline(createReadStream(src), cipher, sink, { end: false });
  await new Promise<void>((resolve, reject) =>
    sink.end(cipher.getAuthTag(), () => resolve()).on('error', reject),
  );
}

async function decryptFile(src: string, out: string, crypto: EnvelopeCrypto): Promise<void> {
  const size = (await stat(src)).size;
  const fh = await open(src, 'r');
  let header: string;
  let tag: Buffer;
  try {
    const first = Buffer.alloc(Math.min(4096, size));
    await fh.read(first, 0, first.length, 0);
    const text = first.toString('utf8');
    if (!text.startsWith(MAGIC)) throw new BackupError('Not a Värn backup file.');
    const end = text.indexOf('\n', MAGIC.length);
    if (end < 0) throw new BackupError('The backup header is damaged.');
    header = text.slice(0, end + 1);
    tag = Buffer.alloc(TAG_BYTES);
    await fh.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
  } finally {
    await fh.close();
  }
  const meta = JSON.parse(header.slice(MAGIC.length)) as { wrappedKey: string; iv: string };
  const key = crypto.unwrapDataKey(meta.wrappedKey);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(meta.iv, 'base64'));
  decipher.setAAD(Buffer.from(header, 'utf8'));
  decipher.setAuthTag(tag);
  const start = Buffer.byteLength(header, 'utf8');
  try {
    await pipeline(
      createReadStream(src, { start, end: size - TAG_BYTES - 1 }),
      decipher,
      createWriteStream(out, { mode: 0o600 }),
    );
  } catch {
    throw new BackupError(
      'The backup cannot be decrypted: wrong master key, or the file was changed.',
    );
  }
}
