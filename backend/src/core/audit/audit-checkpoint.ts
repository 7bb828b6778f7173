import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFile, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Clock } from '../clock/clock';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AppSecrets } from '../crypto/app-secrets';
import { JobScheduler } from '../jobs/job-scheduler';
import { AuditRepository } from './audit.repository';
import { GENESIS_HASH } from './audit.types';

export const AUDIT_CHECKPOINT_JOB = 'audit.checkpoint';
/** The app secret that signs checkpoints; wrapped by the master key, which is not in the database. */
const SECRET = 'audit.checkpoint';

/**
 * The audit chain's head at a moment, signed, to be kept OUTSIDE the database. The hash chain
 * shows any change to an entry, but not the removal of the newest entries (the shortened chain
 * is still intact); a checkpoint kept elsewhere does: `verify-audit-log --checkpoint FILE` fails
 * when the chain no longer reaches a checkpoint's entry with the same hash.
 */
export interface AuditCheckpoint {
  v: 1;
  /** The head entry's seq; 0 for an empty log. */
  seq: number;
  hash: string;
  /** When the head entry was recorded (null for an empty log). */
  entryAt: string | null;
  writtenAt: string;
  /** HMAC-SHA256 of the fields above, by a secret only the master key unwraps. */
  sig: string;
}

export type CheckpointProblem =
  | { line: number; kind: 'unreadable' | 'bad_signature' }
  | { line: number; kind: 'truncated'; seq: number; chainEndsAt: number }
  | { line: number; kind: 'rewritten'; seq: number };

export interface CheckpointCheck {
  ok: boolean;
  checked: number;
  /** The newest checkpoint that the chain reaches. */
  newest: { seq: number; writtenAt: string } | null;
  problems: CheckpointProblem[];
}

const signed = (c: Omit<AuditCheckpoint, 'sig'>) =>
  `varn-audit-checkpoint/v${c.v}\n${c.seq}\n${c.hash}\n${c.entryAt ?? ''}\n${c.writtenAt}`;

function isCheckpoint(x: unknown): x is AuditCheckpoint {
  const c = x as Partial<AuditCheckpoint> | null;
  return (
    !!c &&
    typeof c === 'object' &&
    c.v === 1 &&
    Number.isSafeInteger(c.seq) &&
    (c.seq as number) >= 0 &&
    typeof c.hash === 'string' &&
    /^[0-9a-f]{64}$/.test(c.hash) &&
    (c.entryAt === null || typeof c.entryAt === 'string') &&
    typeof c.writtenAt === 'string' &&
    typeof c.sig === 'string'
  );
}

/** One checkpoint per line (JSON Lines), as `writeTo` appends them. */
export function parseCheckpoints(text: string): Array<{ line: number; value: unknown }> {
  return text
    .split('\n')
    .map((raw, i) => ({ raw: raw.trim(), line: i + 1 }))
    .filter((l) => l.raw.length > 0)
    .map(({ raw, line }) => {
      try {
        return { line, value: JSON.parse(raw) as unknown };
      } catch {
        return { line, value: null };
      }
    });
}

/**
 * Writes checkpoints (on a schedule when AUDIT_CHECKPOINT_TARGET is set, and from
 * `varn audit-checkpoint`) and checks a file of them against the chain.
 */
@Injectable()
export class AuditCheckpoints implements OnModuleInit {
  private readonly logger = new Logger('AuditCheckpoints');

  constructor(
    private readonly repo: AuditRepository,
    private readonly secrets: AppSecrets,
    private readonly clock: Clock,
    private readonly scheduler: JobScheduler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const { target, everyMinutes } = this.config.auditCheckpoint;
    if (!target) return;
    this.scheduler.register({
      name: AUDIT_CHECKPOINT_JOB,
      everyMs: everyMinutes * 60_000,
      leaseMs: 2 * 60_000,
      run: async () => {
        const c = await this.writeTo(target);
        this.logger.log(`audit checkpoint written: seq ${c.seq}`);
      },
    });
  }

  /** The signed head of the committed chain now. */
  async make(): Promise<AuditCheckpoint> {
    const head = await this.repo.head();
    const body: Omit<AuditCheckpoint, 'sig'> = {
      v: 1,
      seq: head?.seq ?? 0,
      hash: head?.hash ?? GENESIS_HASH,
      entryAt: head ? head.occurredAt.toISOString() : null,
      writtenAt: this.clock.now().toISOString(),
    };
    return { ...body, sig: await this.sign(body) };
  }

  /**
   * Makes a checkpoint and sends it to `target`: an http(s) URL gets it as a JSON POST (a 2xx is
   * required, 10 s at most); anything else is a file path, appended to as one line and flushed to
   * disk before this returns.
   */
  async writeTo(target: string): Promise<AuditCheckpoint> {
    const c = await this.make();
    if (/^https?:\/\//i.test(target)) {
      const res = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(c),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`audit checkpoint: ${target} answered ${res.status}`);
      return c;
    }
    await mkdir(dirname(target), { recursive: true });
    await appendFile(target, JSON.stringify(c) + '\n', { encoding: 'utf8', mode: 0o600 });
    const fh = await open(target, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    return c;
  }

  /**
   * Checks checkpoints against the chain: each must be signed by this installation, and the
   * chain must still hold its entry with the same hash. (Run after `AuditService.verify`, which
   * shows whether the chain itself is intact.)
   */
  async check(checkpoints: Array<{ line: number; value: unknown }>): Promise<CheckpointCheck> {
    const head = await this.repo.head();
    const chainEndsAt = head?.seq ?? 0;
    const problems: CheckpointProblem[] = [];
    let newest: CheckpointCheck['newest'] = null;
    for (const { line, value } of checkpoints) {
      if (!isCheckpoint(value)) {
        problems.push({ line, kind: 'unreadable' });
        continue;
      }
      const { sig, ...body } = value;
      if (!(await this.verifySignature(body, sig))) {
        problems.push({ line, kind: 'bad_signature' });
        continue;
      }
      if (value.seq > chainEndsAt) {
        problems.push({ line, kind: 'truncated', seq: value.seq, chainEndsAt });
        continue;
      }
      const hash = value.seq === 0 ? GENESIS_HASH : await this.repo.hashAt(value.seq);
      if (hash !== value.hash) {
        problems.push({ line, kind: 'rewritten', seq: value.seq });
        continue;
      }
      if (!newest || value.seq >= newest.seq)
        newest = { seq: value.seq, writtenAt: value.writtenAt };
    }
    return { ok: problems.length === 0, checked: checkpoints.length, newest, problems };
  }

  private async sign(body: Omit<AuditCheckpoint, 'sig'>): Promise<string> {
    const key = await this.secrets.get(SECRET);
    return createHmac('sha256', key).update(signed(body)).digest('hex');
  }

  private async verifySignature(body: Omit<AuditCheckpoint, 'sig'>, sig: string): Promise<boolean> {
    const expected = Buffer.from(await this.sign(body), 'hex');
    const given = /^[0-9a-f]{64}$/.test(sig) ? Buffer.from(sig, 'hex') : Buffer.alloc(0);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
