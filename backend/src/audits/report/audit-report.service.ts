import { Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import type { AppAbility } from '../../core/authz/ability';
import { accessibleWhere } from '../../core/authz/casl-sql';
import type { AuthUser } from '../../core/authz/roles';
import { Clock } from '../../core/clock/clock';
import { Db } from '../../core/database/db';
import { localDateOf } from '../../core/domain/local-date';
import type { AuditAnswer } from '../domain/audit-answers';
import type {
  CorrectiveActionStatus,
  FindingDecision,
  FindingSeverity,
  FindingStatus,
} from '../domain/findings';
import { AuditRefs } from '../findings/audit-refs';
import { FINDING_COLUMNS, FindingsRepository } from '../findings/findings.repository';
import { AuditReportRepository } from './audit-report.repository';
import { renderAuditReport, type AuditReportInput } from './audit-report-pdf';

export interface AuditReportFile {
  fileName: string;
  pdf: Buffer;
}

/**
 * The Swedish PDF report of an audit for its readers (subject ContractAudit): reads everything in
 * a handful of queries, builds the pure report input and renders it. The download is audit-logged.
 */
@Injectable()
export class AuditReportService {
  constructor(
    private readonly audits: AuditRefs,
    private readonly repo: AuditReportRepository,
    private readonly findings: FindingsRepository,
    private readonly audit: AuditService,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async report(auditId: string, actor: AuthUser, ability: AppAbility): Promise<AuditReportFile> {
    const input = await this.db.transaction(async () => {
      const a = await this.audits.readable(auditId, ability);
      const input = await this.input(a.id, a.templateId, actor, ability);
      await this.audit.record({
        action: 'contract_audit.report_downloaded',
        actor,
        objectType: 'ContractAudit',
        objectId: a.id,
        details: { status: a.status },
      });
      return input;
    });
    const day = localDateOf(input.generatedAt);
    const safe = input.contract.diarienummer.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60);
    return { fileName: `granskning-${safe}-${day}.pdf`, pdf: await renderAuditReport(input) };
  }

  private async input(
    auditId: string,
    templateId: string,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<AuditReportInput> {
    const [head, template, answers, files, signOffs, influence, findings, actorName] =
      await Promise.all([
        this.repo.head(auditId),
        this.audits.template(templateId),
        this.repo.answers(auditId),
        this.repo.fileCounts(auditId),
        this.repo.signOffs(auditId),
        this.repo.influenceReports(auditId),
        this.findings.list({
          access: accessibleWhere(ability, 'read', 'AuditFinding', FINDING_COLUMNS),
          auditId,
          limit: 1000,
        }),
        this.repo.userName(actor.id),
      ]);
    const actions = await this.findings.actionsOf(findings.map((f) => f.id));
    const today = localDateOf(this.clock.now());
    const answerOf = new Map(answers.map((x) => [x.itemId, x]));
    const filesOf = new Map<string, string[]>();
    for (const f of files) {
      const what = f.mediaType.startsWith('image/')
        ? `${f.count} ${f.count === 1 ? 'bild' : 'bilder'}`
        : f.mediaType === 'application/pdf'
          ? `${f.count} PDF`
          : `${f.count} ${f.count === 1 ? 'fil' : 'filer'}`;
      filesOf.set(f.itemId, [...(filesOf.get(f.itemId) ?? []), what]);
    }
    // oldest first in the report
    findings.reverse();
    return {
      audit: {
        status: head.status,
        startedAt: head.startedAt,
        startedByName: head.startedByName,
        completedOn: head.completedOn,
      },
      contract: {
        title: head.contractTitle,
        diarienummer: head.diarienummer,
        unitName: head.unitName,
        followUpClass: head.followUpClass,
        startDate: head.startDate,
        endDate: head.endDate,
      },
      supplier: { name: head.supplierName, organisationNumber: head.organisationNumber },
      checklist: { title: template.title, version: template.version },
      sections: template.sections.map((s) => ({
        code: s.code,
        title: s.title,
        items: s.items.map((i) => {
          const an = answerOf.get(i.id);
          return {
            id: i.id,
            number: i.number,
            text: i.text,
            answer: (an?.answer ?? null) as AuditAnswer | null,
            note: an?.note || null,
            checkedOn: an?.checkedOn ?? null,
            answeredByName: an?.answer ? an.updatedByName : null,
            attachments: filesOf.get(i.id) ?? [],
          };
        }),
      })),
      findings: findings.map((f) => ({
        itemId: f.itemId,
        itemNumber: template.items.get(f.itemId)?.number ?? null,
        itemText: template.items.get(f.itemId)?.text ?? f.itemId,
        severity: f.severity as FindingSeverity,
        status: f.status as FindingStatus,
        description: f.description,
        evidence: f.evidence,
        createdAt: f.createdAt,
        createdByName: f.createdByName,
        closedAt: f.closedAt,
        riskLinked: f.riskId !== null,
        actions: actions
          .filter((x) => x.findingId === f.id)
          .map((x) => ({
            title: x.title,
            ownerName: x.ownerName,
            dueDate: x.dueDate,
            status: x.status as CorrectiveActionStatus,
            overdue: x.status === 'oppen' && x.dueDate < today,
            supplierResponse: x.supplierResponse,
            decision: x.decision as FindingDecision | null,
            decisionBy: x.decisionBy,
            decidedOn: x.decidedOn,
            verifiedAt: x.verifiedAt,
            verifiedByName: x.verifiedByName,
          })),
      })),
      influenceReports: influence.map((r) => ({
        itemId: r.itemId,
        itemNumber: template.items.get(r.itemId)?.number ?? null,
        recordedAt: r.recordedAt,
      })),
      signOffs,
      requiredSignOffs:
        head.followUpClass === 'A' ? ['avtalscontroller', 'chef'] : ['avtalscontroller'],
      generatedAt: this.clock.now(),
      generatedByName: actorName,
    };
  }
}
