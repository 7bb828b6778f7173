import 'reflect-metadata';
import { readFileSync as readFile, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AdminBootstrap, BootstrapError } from './cli/admin-bootstrap';
import { readPassword } from './cli/read-password';
import { buildOpenApi, createApp } from './app.factory';
import { AuditCheckpoints, parseCheckpoints } from './core/audit/audit-checkpoint';
import { BackupError, createBackup, restoreBackup } from './core/backup/backup';
import { openDatabase } from './core/database/data-source';
import { AuditService } from './core/audit/audit.service';
import { ConfigError, loadConfig } from './core/config/config';
import { MasterKeyRotation } from './core/crypto/master-key-rotation';
import { migrate } from './core/database/data-source';
import { DemoSeeder } from './demo/demo.seeder';
import { PurgeService } from './cases/lifecycle/purge.service';
import { parseLocalDate } from './core/domain/local-date';
import { VERSION } from './version';

const HELP = `Värn command line — honours DATABASE_URL like the server.

Usage: npm run varn -- <command> [options]

  migrate                       apply pending database migrations
  create-admin --username U --name "Full Name" [--root "Trafikförvaltningen"]
                                create an administrator; the password is read from a
                                hidden prompt or the first line of stdin (never a default)
  seed-demo                     create the demo organisation and demo accounts (not in production)
  verify-audit-log [--checkpoint FILE]
                                check the audit log's hash chain; exit 1 and name the first
                                broken entry if it was altered; with --checkpoint, also fail
                                when the chain no longer reaches a checkpoint of FILE (newest
                                entries removed) or holds another entry at its place
  audit-checkpoint [--out FILE | --url URL]
                                write the signed chain head outside the database: appended to
                                FILE, or POSTed as JSON to URL (default AUDIT_CHECKPOINT_TARGET;
                                the server also does this every AUDIT_CHECKPOINT_MINUTES)
  rotate-master-key [--batch-size N]
                                re-wrap every stored data key under VARN_MASTER_KEY, reading
                                old ones with VARN_MASTER_KEYS_OLD; resumable, safe to re-run;
                                exit 1 while any key is not yet under the current master key
  purge [--dry-run] [--as-of YYYY-MM-DD]
                                purge the personal data of closed cases whose retention has
                                ended (not under legal hold): destroy each case's key and
                                attachments, keep a tombstone; --as-of purges what is due on
                                that date (default today), --dry-run only lists it
  backup --out FILE             write a consistent, encrypted backup of the running installation
                                (database snapshot and attachments; the master key unlocks it)
  restore --from FILE           restore a backup into an EMPTY database and FILES_DIR (stop
                                Värn first); then check the audit log and run the purge
  openapi --out FILE            write the OpenAPI document
`;

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(HELP);
    return command ? 0 : 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      root: { type: 'string' },
      out: { type: 'string' },
      'batch-size': { type: 'string' },
      'dry-run': { type: 'boolean' },
      'as-of': { type: 'string' },
      checkpoint: { type: 'string' },
      url: { type: 'string' },
      from: { type: 'string' },
    },
    strict: true,
  });

  switch (command) {
    case 'migrate': {
      const config = loadConfig(process.env, { requireMasterKey: false });
      const ds = await openDatabase(config.database, false);
      const applied = await migrate(ds);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
      await ds.destroy();
      return 0;
    }
    case 'create-admin': {
      if (!values.username || !values.name) {
        console.error('create-admin needs --username and --name');
        return 2;
      }
      const password = await readPassword(
        `Password for ${values.username} (at least 12 characters): `,
      );
      const config = loadConfig(process.env, { requireMasterKey: false });
      const app = await createApp(
        { ...config, staticDir: null, http: { ...config.http, apiDocs: false } },
        { logger: false },
      );
      try {
        await app.get(AdminBootstrap).createAdmin({
          username: values.username,
          displayName: values.name,
          password,
          rootName: values.root ?? 'Förvaltningen',
        });
        console.log(`Administrator "${values.username.toLowerCase()}" created.`);
        return 0;
      } catch (e) {
        if (e instanceof BootstrapError) {
          console.error(e.message);
          return 1;
        }
        throw e;
      } finally {
        await app.close();
      }
    }
    case 'seed-demo': {
      const config = loadConfig({ ...process.env, VARN_DEMO: 'true' }); // demo reports are sealed: the key is needed
      const app = await createApp(
        { ...config, staticDir: null, http: { ...config.http, apiDocs: false } },
        { logger: false },
      );
      try {
        const created = await app.get(DemoSeeder).seedIfEmpty();
        console.log(
          created
            ? 'Demo data created.'
            : 'The database already has an organisation; nothing was changed.',
        );
        return 0;
      } finally {
        await app.close();
      }
    }
    case 'verify-audit-log': {
      const config = loadConfig(process.env, { requireMasterKey: !!values.checkpoint });
      let checkpoints: ReturnType<typeof parseCheckpoints> = [];
      if (values.checkpoint) {
        try {
          checkpoints = parseCheckpoints(readFile(values.checkpoint, 'utf8'));
        } catch (e) {
          console.error(`Cannot read the checkpoint file: ${(e as Error).message}`);
          return 1;
        }
        if (!checkpoints.length) {
          console.error(`The checkpoint file ${values.checkpoint} holds no checkpoint.`);
          return 1;
        }
      }
      const app = await createApp(
        { ...config, staticDir: null, http: { ...config.http, apiDocs: false } },
        { logger: false },
      );
      try {
        const result = await app.get(AuditService).verify();
        if (!result.ok) {
          console.error(
            `Audit log BROKEN at entry seq=${result.firstBroken!.seq} (${result.firstBroken!.reason}); ${result.checked} entries read.`,
          );
          return 1;
        }
        console.log(`Audit log OK: ${result.checked} entries, chain intact.`);
        if (!values.checkpoint) return 0;
        const cp = await app.get(AuditCheckpoints).check(checkpoints);
        for (const p of cp.problems)
          console.error(
            p.kind === 'truncated'
              ? `Audit log TRUNCATED: checkpoint on line ${p.line} names entry seq=${p.seq}, but the chain ends at seq=${p.chainEndsAt}.`
              : p.kind === 'rewritten'
                ? `Audit log REWRITTEN: entry seq=${p.seq} is not the one the checkpoint on line ${p.line} names.`
                : p.kind === 'bad_signature'
                  ? `Checkpoint on line ${p.line} is not signed by this installation.`
                  : `Checkpoint on line ${p.line} is not readable.`,
          );
        if (!cp.ok) return 1;
        console.log(
          `Checkpoints OK: ${cp.checked} checked; the chain reaches the newest (seq=${cp.newest!.seq}, written ${cp.newest!.writtenAt}).`,
        );
        return 0;
      } finally {
        await app.close();
      }
    }
    case 'audit-checkpoint': {
      const config = loadConfig(process.env);
      const target = values.out ?? values.url ?? config.auditCheckpoint.target;
      if (!target || (values.out && values.url)) {
        console.error(
          'audit-checkpoint needs one target: --out FILE, --url URL or AUDIT_CHECKPOINT_TARGET',
        );
        return 2;
      }
      const app = await createApp(
        { ...config, staticDir: null, http: { ...config.http, apiDocs: false } },
        { logger: false },
      );
      try {
        const c = await app.get(AuditCheckpoints).writeTo(target);
        console.log(`Audit checkpoint written to ${target}: seq=${c.seq}.`);
        return 0;
      } finally {
        await app.close();
      }
    }
    case 'rotate-master-key': {
      const batchSize = Number(values['batch-size'] ?? 500);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10000) {
        console.error('--batch-size must be an integer between 1 and 10000');
        return 2;
      }
      const config = loadConfig(process.env);
      const app = await createApp(
        { ...config, staticDir: null, http: { ...config.http, apiDocs: false } },
        { logger: false },
      );
      try {
        const report = await app.get(MasterKeyRotation).rotate({ batchSize });
        for (const c of report.columns)
          console.log(
            `${c.name}: ${c.rewrapped} re-wrapped, ${c.failed} unreadable, ${c.current} of ${c.total} under ${report.keyId}`,
          );
        if (report.complete) {
          console.log(
            `Every data key is wrapped by master key ${report.keyId}; the old keys can be removed from VARN_MASTER_KEYS_OLD.`,
          );
          return 0;
        }
        console.error(
          'Some data keys are not under the current master key yet (see above): keep the old keys configured, add any missing one, and run again.',
        );
        return 1;
      } finally {
        await app.close();
      }
    }
    case 'purge': {
      const asOf = values['as-of'] === undefined ? undefined : parseLocalDate(values['as-of']);
      if (asOf === null) {
        console.error('--as-of must be a date, YYYY-MM-DD');
        return 2;
      }
      const dryRun = values['dry-run'] ?? false;
      const config = loadConfig(process.env);
      const app = await createApp(
        // no scheduled jobs in this process: it does the one piece of work it was asked for
        {
          ...config,
          staticDir: null,
          http: { ...config.http, apiDocs: false },
          jobs: { enabled: false },
        },
        { logger: false },
      );
      try {
        const report = await app.get(PurgeService).run({ asOf, dryRun, via: 'cli' });
        // references and dates only: nothing of a case's content or reporter
        for (const c of report.cases) console.log(`${c.reference}\tpurge date ${c.purgeDueOn}`);
        console.log(
          dryRun
            ? `Dry run as of ${report.asOf}: ${report.cases.length} case(s) would be purged; nothing was changed.`
            : `Purged as of ${report.asOf}: ${report.cases.length} case(s), ${report.filesDestroyed} attachment file(s) destroyed.`,
        );
        return 0;
      } finally {
        await app.close();
      }
    }
    case 'backup': {
      if (!values.out) {
        console.error('backup needs --out FILE');
        return 2;
      }
      const config = loadConfig(process.env);
      const ds = await openDatabase(config.database, false);
      try {
        const m = await createBackup({
          config,
          dataSource: ds,
          out: values.out,
          appVersion: VERSION,
        });
        console.log(
          `Backup written to ${values.out}: ${Object.keys(m.tables).length} tables, ${Object.keys(m.files).length} files, audit log up to seq=${m.auditHead.seq}.`,
        );
        return 0;
      } finally {
        await ds.destroy();
      }
    }
    case 'restore': {
      if (!values.from) {
        console.error('restore needs --from FILE');
        return 2;
      }
      const config = loadConfig(process.env);
      try {
        const m = await restoreBackup({ config, from: values.from });
        console.log(
          `Restored the backup of ${m.createdAt} (${Object.keys(m.tables).length} tables, ${Object.keys(m.files).length} files, audit log up to seq=${m.auditHead.seq}). Next: npm run varn -- verify-audit-log, then npm run varn -- purge.`,
        );
        return 0;
      } catch (e) {
        if (e instanceof BackupError) {
          console.error(`Restore refused: ${e.message}`);
          return 1;
        }
        throw e;
      }
    }
    case 'openapi': {
      if (!values.out) {
        console.error('openapi needs --out FILE');
        return 2;
      }
      const config = loadConfig(
        {
          NODE_ENV: 'test',
          DATABASE_URL: 'sqlite::memory:',
          STATIC_DIR: 'none',
          VARN_API_DOCS: 'false',
        },
        { requireMasterKey: false },
      );
      const app = await createApp(config, { logger: false });
      try {
        writeFileSync(values.out, `${JSON.stringify(buildOpenApi(app), null, 2)}\n`);
        console.log(`OpenAPI document written to ${values.out}`);
        return 0;
      } finally {
        await app.close();
      }
    }
    default:
      console.error(`Unknown command "${command}".\n\n${HELP}`);
      return 2;
  }
}

run(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((e: unknown) => {
    if (e instanceof ConfigError) console.error(e.message);
    else console.error('Failed:', e instanceof Error ? e.message : e);
    process.exit(1);
  });
