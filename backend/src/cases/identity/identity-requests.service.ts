import { Injectable } from '@nestjs/common';
import { ForbiddenError } from '@casl/ability';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../../core/audit/audit.service';
import { asSubject, type AppAbility } from '../../core/authz/ability';
import { accessibleWhere } from '../../core/authz/casl-sql';
import type { AuthUser } from '../../core/authz/roles';
import { Clock } from '../../core/clock/clock';
import { Db } from '../../core/database/db';
import { NotificationService } from '../../core/notify/notification.service';
import { Problem } from '../../core/errors/problem';
import { SEALED, type SealedIdentity } from '../case-content';
import { CaseVault } from '../case-vault';
import { CasesRepository, type CaseWithUnit } from '../cases.repository';
import type { IdentityRequestEntity } from '../entities/identity-request.entity';
import {
  CreateIdentityRequestDto,
  DecideIdentityRequestDto,
  IdentityRequestCreatedDto,
  IdentityRequestDetailDto,
  IdentityRequestDto,
  ListIdentityRequestsQuery,
  ReporterIdentityDto,
} from './dto/identity-request.dto';
import {
  IDENTITY_REQUEST_COLUMNS,
  IDENTITY_REQUEST_LOCK,
  IdentityRepository,
  type IdentityRequestRow,
} from './identity.repository';

/**
 * Identity custody (domain.md §1, issue 6): a handler asks, with a motivation, to learn who filed
 * a confidential report; an identity custodian (identitetsansvarig) of the case's scope approves
 * or refuses with a motivation; from then on the handler may see the identity, and every view of
 * it is audit-logged. The custodian sees the request and the identity — never the case content.
 * Motivations and decisions are sealed with the case key, so the purge shreds them too.
 */
@Injectable()
export class IdentityRequestsService {
  constructor(
    private readonly requests: IdentityRepository,
    private readonly cases: CasesRepository,
    private readonly vault: CaseVault,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** `POST /api/cases/:id/identity-requests` */
  async create(
    caseId: string,
    dto: CreateIdentityRequestDto,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<IdentityRequestCreatedDto> {
    return this.db.transaction(async () => {
      await this.db.lock(IDENTITY_REQUEST_LOCK);
      const c = await this.readableCase(caseId, ability);
      ForbiddenError.from(ability).throwUnlessCan(
        'create',
        asSubject('IdentityRequest', {
          id: '',
          caseId: c.id,
          unitPath: c.unitPath,
          requestedBy: actor.id,
          routedAwayFrom: c.routedAwayFrom,
        }),
      );
      const key = this.keyOf(c);
      if (c.confidentiality !== 'confidential')
        throw Problem.conflict(
          c.confidentiality === 'identified'
            ? 'Rapportören har lämnat sin identitet till handläggarna: den behöver inte begäras.'
            : 'Rapporten är anonym: Värn känner inte till rapportörens identitet.',
          'not_confidential',
        );
      const open = await this.requests.ofRequester(c.id, actor.id, ['pending', 'approved']);
      if (open.some((r) => r.status === 'pending'))
        throw Problem.conflict(
          'Du har redan en begäran om identiteten i det här ärendet som väntar på beslut.',
          'request_pending',
        );
      if (open.some((r) => r.status === 'approved'))
        throw Problem.conflict(
          'Din begäran om identiteten i det här ärendet är redan godkänd.',
          'conflict',
        );
      const id = randomUUID();
      const row: IdentityRequestEntity = {
        id,
        caseId: c.id,
        requestedBy: actor.id,
        motivationSealed: this.vault.seal(key, c.id, SEALED.identityMotivation(id), dto.motivation),
        status: 'pending',
        decidedBy: null,
        decidedAt: null,
        decisionSealed: null,
        createdAt: this.clock.now(),
      };
      await this.requests.insert(row);
      await this.audit.record({
        action: 'case.identity_requested',
        actor,
        objectType: 'Case',
        objectId: c.id,
        details: { requestId: id },
      });
      const custodians = await this.custodiansOf(c, actor.id);
      await this.notifications.notify(custodians, {
        kind: 'identity.requested',
        params: { requestId: id },
        link: `/identitetsbegaran/${id}`,
      });
      return { id, status: row.status };
    });
  }

  /** `GET /api/identity-requests`: the custodian's scope, or the handler's own requests. */
  async list(
    query: ListIdentityRequestsQuery,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<IdentityRequestDto[]> {
    const rows = await this.requests.search({
      access: accessibleWhere(ability, 'read', 'IdentityRequest', IDENTITY_REQUEST_COLUMNS),
      userId: actor.id,
      status: query.status,
      caseId: query.caseId,
      limit: query.limit ?? 100,
    });
    const keys = new Map<string, Buffer | null>();
    return rows.map((r) => {
      if (!keys.has(r.caseId)) keys.set(r.caseId, this.vault.keyOf(r));
      return this.item(r, keys.get(r.caseId) ?? null);
    });
  }

  /**
   * `GET /api/identity-requests/:id`: the request; for a custodian of the case's scope also the
   * identity (audit-logged as a view of it). The requesting handler sees the request only.
   */
  async get(id: string, actor: AuthUser, ability: AppAbility): Promise<IdentityRequestDetailDto> {
    return this.db.transaction(async () => {
      const r = await this.readableRequest(id, actor, ability);
      const key = this.vault.keyOf(r);
      if (!key) throw purged();
      let identity: ReporterIdentityDto | null = null;
      if (
        ability.can(
          'read',
          asSubject('ReporterIdentity', { caseId: r.caseId, unitPath: r.unitPath }),
        )
      ) {
        identity = this.identityOf(key, r.caseId, r.identitySealed);
        if (identity)
          await this.audit.record({
            action: 'case.identity_viewed',
            actor,
            objectType: 'Case',
            objectId: r.caseId,
            details: { via: 'custody', requestId: r.id },
          });
      }
      return { ...this.item(r, key), track: r.track, category: r.category, identity };
    });
  }

  /** `POST /api/identity-requests/:id/decision` — the custodian approves or refuses. */
  async decide(
    id: string,
    dto: DecideIdentityRequestDto,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<IdentityRequestDto> {
    await this.db.transaction(async () => {
      await this.db.lock(IDENTITY_REQUEST_LOCK);
      const r = await this.readableRequest(id, actor, ability);
      ForbiddenError.from(ability).throwUnlessCan('update', requestSubject(r));
      // nobody decides on their own request, whatever roles they hold
      if (r.requestedBy === actor.id)
        throw Problem.forbidden('Du kan inte besluta om din egen begäran.');
      const key = this.vault.keyOf(r);
      if (!key) throw purged();
      const decided = await this.requests.decide(r.id, {
        status: dto.decision,
        decidedBy: actor.id,
        decidedAt: this.clock.now(),
        decisionSealed: this.vault.seal(
          key,
          r.caseId,
          SEALED.identityDecision(r.id),
          dto.motivation,
        ),
      });
      if (!decided) throw Problem.conflict('Begäran är redan beslutad.', 'request_decided');
      await this.audit.record({
        action: 'case.identity_decided',
        actor,
        objectType: 'Case',
        objectId: r.caseId,
        details: { requestId: r.id, decision: dto.decision },
      });
      await this.notifications.notify([r.requestedBy], {
        kind: 'identity.decided',
        params: { requestId: r.id, caseId: r.caseId, decision: dto.decision },
        link: `/arenden/${r.caseId}`,
      });
    });
    const r = await this.requests.findById(id);
    return this.item(r!, this.vault.keyOf(r!));
  }

  /**
   * `GET /api/cases/:id/identity`: an identified reporter's identity to a handler who reads the
   * case; a confidential reporter's only to a handler whose own request on this case was approved
   * (else 403). An anonymous report has no identity: 404. Every answer is audit-logged.
   */
  async caseIdentity(
    caseId: string,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<ReporterIdentityDto> {
    return this.db.transaction(async () => {
      const c = await this.readableCase(caseId, ability);
      const key = this.keyOf(c);
      if (c.confidentiality === 'anonymous' || !c.identitySealed)
        throw new Problem(
          404,
          'not_found',
          'Rapporten är anonym: det finns ingen identitet att visa.',
        );
      let requestId: string | undefined;
      if (c.confidentiality === 'confidential') {
        const [approved] = await this.requests.ofRequester(c.id, actor.id, ['approved']);
        if (!approved)
          throw Problem.forbidden(
            'Rapportören är konfidentiell: identiteten visas först när en identitetsansvarig har godkänt din begäran.',
          );
        requestId = approved.id;
      }
      const identity = this.identityOf(key, c.id, c.identitySealed)!;
      await this.audit.record({
        action: 'case.identity_viewed',
        actor,
        objectType: 'Case',
        objectId: c.id,
        details: requestId
          ? { what: 'identity', via: 'approved_request', requestId }
          : { what: 'identity', via: 'identified' },
      });
      return identity;
    });
  }

  // ---- helpers ----

  /** The case if the caller may read it; otherwise as if it did not exist (404). */
  private async readableCase(id: string, ability: AppAbility): Promise<CaseWithUnit> {
    const c = await this.cases.findById(id);
    if (!c || !ability.can('read', caseSubject(c))) throw Problem.notFound('Ärendet');
    return c;
  }

  /**
   * The request if the caller may read it, and its case is not routed away from them — a report
   * about a handler who is also a custodian never reaches them through custody either (the CASL
   * rule of custodians has no routedAwayFrom condition); otherwise 404.
   */
  private async readableRequest(
    id: string,
    actor: AuthUser,
    ability: AppAbility,
  ): Promise<IdentityRequestRow> {
    const r = await this.requests.findById(id);
    if (!r || r.routedAwayFrom === actor.id || !ability.can('read', requestSubject(r)))
      throw Problem.notFound('Begäran');
    return r;
  }

  private keyOf(c: CaseWithUnit): Buffer {
    const key = this.vault.keyOf(c);
    if (!key) throw purged();
    return key;
  }

  /**
   * The custodians to tell about a new request: identity custodians over the case's unit, minus
   * the requester, the handler the case is routed away from, and anyone barred from identities by
   * another role (they could not open the request).
   */
  private async custodiansOf(c: CaseWithUnit, requester: string): Promise<string[]> {
    const ids = await this.cases.usersWithRoleOver('identitetsansvarig', c.unitPath, [
      requester,
      c.routedAwayFrom,
    ]);
    const barred = await this.requests.separatedAmong(ids);
    return ids.filter((id) => !barred.has(id));
  }

  private identityOf(
    key: Buffer,
    caseId: string,
    sealed: string | null,
  ): ReporterIdentityDto | null {
    const s = this.vault.open<SealedIdentity>(key, caseId, SEALED.identity, sealed);
    if (!s) return null;
    return {
      displayName: s.displayName,
      username: s.username,
      email: s.email,
      unitName: s.unitName,
    };
  }

  private item(r: IdentityRequestRow, key: Buffer | null): IdentityRequestDto {
    const open = (field: string, sealed: string | null) =>
      key ? this.vault.open<string>(key, r.caseId, field, sealed) : null;
    return {
      id: r.id,
      caseId: r.caseId,
      caseReference: r.caseReference,
      unitName: r.unitName,
      requestedBy: r.requestedBy,
      requestedByName: r.requestedByName,
      motivation: open(SEALED.identityMotivation(r.id), r.motivationSealed) ?? '',
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      decidedByName: r.decidedByName,
      decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
      decisionMotivation: open(SEALED.identityDecision(r.id), r.decisionSealed),
    };
  }
}

function caseSubject(c: CaseWithUnit) {
  return asSubject('Case', {
    id: c.id,
    unitId: c.unitId,
    unitPath: c.unitPath,
    routedAwayFrom: c.routedAwayFrom,
    assigneeId: c.assigneeId,
  });
}

function requestSubject(r: IdentityRequestRow) {
  return asSubject('IdentityRequest', {
    id: r.id,
    caseId: r.caseId,
    unitPath: r.unitPath,
    requestedBy: r.requestedBy,
    routedAwayFrom: r.routedAwayFrom,
  });
}

function purged(): Problem {
  return Problem.conflict(
    'Ärendets personuppgifter är gallrade: begäran och identiteten går inte längre att läsa.',
    'case_purged',
  );
}
