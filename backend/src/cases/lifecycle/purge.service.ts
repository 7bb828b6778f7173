import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { Clock } from '../../core/clock/clock';
import { Db } from '../../core/database/db';
import { localDateOf, type LocalDate } from '../../core/domain/local-date';
import { FileStore } from '../../core/files/file-store';
import { DEFAULT_RETENTION_POLICY } from '../domain/retention';
import { CASE_FILE_OWNER, LifecycleRepository, type PurgeCandidate } from './lifecycle.repository';

/** Cases per query page (each case is purged in its own transaction). */
const PAGE = 200;

export interface PurgeOptions {
  /** Purge what is due on this day (default: today in Europe/Stockholm). */
  asOf?: LocalDate;
  /** Only list what would be purged; change nothing. */
  dryRun?: boolean;
  /** Who runs it, for the audit log: the scheduled job or the command line. */
  via: 'job' | 'cli';
}

export interface PurgeReport {
  asOf: LocalDate;
  dryRun: boolean;
  /** The cases purged (or, in a dry run, that would be), oldest purge date first. */
  cases: PurgeCandidate[];
  /** Attachment files destroyed (including any left behind by an interrupted earlier run). */
  filesDestroyed: number;
}

/**
 * Retention (lag 2021:890; domain `retention.ts`): a closed case's personal data is purged once
 * its purge date (`purgeDueOn`, closing day + the retention period, set at closing) is reached,
 * unless a legal hold pauses it.
 *
 * Per case, in one transaction: the case's data key is destroyed (`wrappedKey = NULL` — this is
 * what makes every sealed value and every attachment of the case unreadable, backups included
 * once they age out), the sealed columns of the case, its messages, notes, actions and identity
 * requests are emptied, the receipt hash and reporter tag are removed (the receipt code and
 * "Mina rapporter" no longer find it), receipt sessions are ended, and the status becomes
 * `gallrad` with `purgedAt`; `case.purged` {reference} is audited. A tombstone remains:
 * reference, track, category, codes, dates and unit. The de-identified incident fact is not
 * touched (it has no link to the case). After the commit the attachment files are destroyed
 * (row and disk); a crash in between leaves ciphertext that no key opens, and the next run
 * destroys those files first.
 *
 * A dry run lists references and purge dates without changing anything.
 */
@Injectable()
export class PurgeService {
  private readonly logger = new Logger('CasePurge');

  constructor(
    private readonly lifecycle: LifecycleRepository,
    private readonly files: FileStore,
    private readonly audit: AuditService,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Today's date in the organisation's time zone. */
  today(): LocalDate {
    return localDateOf(this.clock.now(), DEFAULT_RETENTION_POLICY.timeZone);
  }

  async run(opts: PurgeOptions): Promise<PurgeReport> {
    const asOf = opts.asOf ?? this.today();
    const dryRun = opts.dryRun ?? false;
    const report: PurgeReport = { asOf, dryRun, cases: [], filesDestroyed: 0 };
    if (!dryRun) report.filesDestroyed += await this.destroyLeftoverFiles();
    // keyset pages on (purgeDueOn, id): purged cases drop out behind the cursor
    let after: PurgeCandidate | null = null;
    for (;;) {
      const page = await this.lifecycle.purgeCandidates(asOf, PAGE, after);
      for (const c of page) {
        if (dryRun) {
          report.cases.push(c);
          continue;
        }
        // false when it is no longer due (a legal hold set, or the case reopened, meanwhile)
        if (!(await this.purgeOne(c, asOf, opts.via))) continue;
        report.cases.push(c);
        report.filesDestroyed += await this.destroyFilesOf(c.id);
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1];
    }
    if (report.cases.length || report.filesDestroyed)
      this.logger.log(
        `purged ${report.cases.length} cases as of ${asOf}, ${report.filesDestroyed} files destroyed`,
      );
    return report;
  }

  /** Shreds one case in one transaction; false when it is no longer due (hold, reopened, done). */
  private purgeOne(c: PurgeCandidate, asOf: LocalDate, via: 'job' | 'cli'): Promise<boolean> {
    return this.db.transaction(async () => {
      const now = this.clock.now();
      if (!(await this.lifecycle.purgeCase(c.id, asOf, now))) return false;
      const shredded = await this.lifecycle.shredChildren(c.id);
      await this.audit.record({
        action: 'case.purged',
        actor: null,
        objectType: 'Case',
        objectId: c.id,
        details: {
          reference: c.reference,
          purgeDueOn: c.purgeDueOn,
          asOf,
          via,
          messages: shredded.messages,
          actions: shredded.actions,
          identityRequests: shredded.requests,
        },
      });
      return true;
    });
  }

  /** Destroys a purged case's attachment files (outside any transaction: it removes content). */
  private async destroyFilesOf(caseId: string): Promise<number> {
    let n = 0;
    for (const id of await this.files.idsOf(CASE_FILE_OWNER, caseId))
      if (await this.files.destroy(id)) n++;
    return n;
  }

  /** Files of cases purged by a run that stopped between its commit and the file clean-up. */
  private async destroyLeftoverFiles(): Promise<number> {
    let n = 0;
    for (;;) {
      const ids = await this.lifecycle.filesOfPurgedCases(PAGE);
      for (const id of ids) if (await this.files.destroy(id)) n++;
      if (ids.length < PAGE) return n;
    }
  }
}
