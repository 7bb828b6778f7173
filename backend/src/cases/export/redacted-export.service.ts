import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { asSubject, type AppAbility } from '../../core/authz/ability';
import type { AuthUser } from '../../core/authz/roles';
import { Clock } from '../../core/clock/clock';
import { Db } from '../../core/database/db';
import { Problem } from '../../core/errors/problem';
import { SEALED, type CaseContent, type SealedIdentity } from '../case-content';
import { CaseVault } from '../case-vault';
import { CasesRepository } from '../cases.repository';
import { Redactor } from './redaction';
import { redactedPdf } from './redacted-pdf';

export interface RedactedExport {
  fileName: string;
  pdf: Buffer;
}

/**
 * The redacted copy of a case for a secrecy review when someone asks for it as a public document
 * (begäran om allmän handling; OSL 17:3 b, 32:3 b). The reporter's identity is always masked,
 * with every passage the handler marks; the copy lists the maskings (number, reason, count) and
 * the export is audit-logged. Internal notes are working material, not part of the case file
 * that is released, and are left out; so are names of handlers and attachments.
 */
@Injectable()
export class RedactedExportService {
  constructor(
    private readonly cases: CasesRepository,
    private readonly vault: CaseVault,
    private readonly audit: AuditService,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async export(
    caseId: string,
    masks: string[],
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<RedactedExport> {
    const input = await this.db.transaction(async () => {
      const c = await this.cases.findById(caseId);
      if (
        !c ||
        !ability.can(
          'read',
          asSubject('Case', {
            id: c.id,
            unitId: c.unitId,
            unitPath: c.unitPath,
            routedAwayFrom: c.routedAwayFrom,
            assigneeId: c.assigneeId,
          }),
        )
      )
        throw Problem.notFound('Ärendet');
      const key = this.vault.keyOf(c);
      if (!key)
        throw Problem.conflict(
          'Ärendets personuppgifter är gallrade: det finns inget innehåll att lämna ut.',
          'case_purged',
        );
      const content = this.vault.open<CaseContent>(key, c.id, SEALED.content, c.contentSealed);
      const identity = this.vault.open<SealedIdentity>(
        key,
        c.id,
        SEALED.identity,
        c.identitySealed,
      );
      const messages = (
        await this.cases.messages.find({
          where: { caseId: c.id },
          order: { createdAt: 'ASC', id: 'ASC' },
        })
      )
        .filter((m) => m.kind !== 'note')
        .map((m) => ({
          kind: m.kind as 'to_reporter' | 'from_reporter',
          body: this.vault.open<string>(key, c.id, SEALED.message(m.id), m.bodySealed) ?? '',
          createdAt: m.createdAt,
        }));
      const actions = (
        await this.cases.actions.find({
          where: { caseId: c.id },
          order: { occurredOn: 'ASC', createdAt: 'ASC' },
        })
      ).map((a) => {
        const details =
          this.vault.open<{ reference?: string | null; note?: string | null }>(
            key,
            c.id,
            SEALED.action(a.id),
            a.detailsSealed,
          ) ?? {};
        return {
          type: a.type,
          occurredOn: a.occurredOn,
          reference: details.reference ?? undefined,
          note: details.note ?? undefined,
        };
      });
      const redactor = new Redactor(identity, masks);
      await this.audit.record({
        action: 'case.exported',
        actor,
        objectType: 'Case',
        objectId: c.id,
        details: { masks: redactor.maskings().filter((m) => m.reason === 'handler').length },
      });
      return {
        redactor,
        data: {
          reference: c.reference,
          track: c.track,
          category: c.category,
          irregularityKind: c.irregularityKind,
          confidentiality: c.confidentiality,
          status: c.status,
          unitName: c.unitName,
          receivedAt: c.receivedAt,
          acknowledgementDueOn: c.acknowledgementDueOn,
          feedbackDueOn: c.feedbackDueOn,
          ackEndedAt: c.ackEndedAt,
          feedbackEndedAt: c.feedbackEndedAt,
          closedAt: c.closedAt,
          closingCode: c.closingCode,
          content: content ?? { description: '', intake: {}, welfare: null },
          messages,
          actions,
          exportedAt: this.clock.now(),
        },
      };
    });
    const pdf = await redactedPdf(input.data, input.redactor);
    return { fileName: `${input.data.reference}-maskerad-kopia.pdf`, pdf };
  }
}
