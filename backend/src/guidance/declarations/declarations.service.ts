import { ForbiddenError } from '@casl/ability';
import { HttpStatus, Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { asSubject, type AppAbility } from '../../core/authz/ability';
import { accessibleWhere } from '../../core/authz/casl-sql';
import type { AuthUser } from '../../core/authz/roles';
import { Clock } from '../../core/clock/clock';
import { Db } from '../../core/database/db';
import { addDays, daysBetween, localDateOf, type LocalDate } from '../../core/domain/local-date';
import { Problem, type FieldError } from '../../core/errors/problem';
import { NotificationService } from '../../core/notify/notification.service';
import { parseOrganisationNumber } from '../../contracts/domain/organisation-number';
import {
  declarationValidity,
  type DeclarationInterestKind,
  type DeclarationType,
  type JavGround,
  type JavHandling,
} from '../domain/guidance-taxonomy';
import { decodeDateCursor, encodeDateCursor } from '../keyset-cursor';
import {
  AuditDeclarationsDto,
  CoverageDto,
  CoverageQuery,
  CoverageState,
  CreateDeclarationDto,
  DeclarationDecisionDto,
  DeclarationDto,
  DeclarationPageDto,
  ListDeclarationsQuery,
  ValidityDto,
} from './dto/declaration.dto';
import type { DeclarationInterestEntity } from './entities/declaration-interest.entity';
import { newDeclaration } from './declaration-rules';
import type { DeclarationEntity } from './entities/declaration.entity';
import {
  DECLARANT_COLUMNS,
  DECLARATION_COLUMNS,
  DeclarationRow,
  DeclarationsRepository,
} from './declarations.repository';

/** Renewal is "due soon" this many days before the last valid day (declarationValidity's default). */
export const DECLARATION_DUE_SOON_DAYS = 30;

@Injectable()
export class DeclarationsService {
  constructor(
    private readonly declarations: DeclarationsRepository,
    private readonly notifications: NotificationService,
    private readonly audit: AuditService,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  today(): LocalDate {
    return localDateOf(this.clock.now());
  }

  async list(
    query: ListDeclarationsQuery,
    user: AuthUser,
    ability: AppAbility,
  ): Promise<DeclarationPageDto> {
    const limit = query.limit ?? 25;
    const rows = await this.declarations.search({
      access: accessibleWhere(ability, 'read', 'Declaration', DECLARATION_COLUMNS),
      userId: query.mine ? user.id : undefined,
      current: query.current,
      status: query.status,
      type: query.type,
      after: query.cursor ? decodeDateCursor(query.cursor) : undefined,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const interests = await this.declarations.interestsOf(page.map((r) => r.id));
    const last = page[page.length - 1];
    return {
      items: page.map((r) => this.toDto(r, interests.get(r.id) ?? [], ability)),
      nextCursor: rows.length > limit && last ? encodeDateCursor(last.signedOn, last.id) : null,
    };
  }

  async get(id: string, ability: AppAbility): Promise<DeclarationDto> {
    const d = await this.load(id, ability, 'read');
    const interests = await this.declarations.interestsOf([d.id]);
    return this.toDto(d, interests.get(d.id) ?? [], ability);
  }

  /**
   * Signs a declaration for oneself. An annual declaration supersedes the declarant's current
   * annual one; another may name the own declaration of the same type it replaces
   * (`supersedesId`). The versions of one series share a series id. Managers over the
   * declarant's unit are told that a declaration waits for their decision.
   */
  async create(
    dto: CreateDeclarationDto,
    user: AuthUser,
    ability: AppAbility,
  ): Promise<DeclarationDto> {
    const errors: FieldError[] = [];
    const orgnr = (value: string | undefined, field: string): string | null => {
      if (!value) return null;
      const parsed = parseOrganisationNumber(value);
      if (parsed.ok) return parsed.value;
      errors.push({ field, messages: [parsed.reason] });
      return null;
    };
    const partyOrganisationNumber = orgnr(dto.partyOrganisationNumber, 'partyOrganisationNumber');
    const interests = dto.interests.map((i, n) => ({
      kind: i.kind,
      description: i.description,
      organisationNumber: orgnr(i.organisationNumber, `interests.${n}.organisationNumber`),
      organisationName: i.organisationName ?? null,
    }));
    if (errors.length)
      throw Problem.badRequest(
        'Ett organisationsnummer är inte giltigt.',
        'invalid_organisation_number',
        errors,
      );
    if (dto.type === 'arendespecifik' && !dto.caseReference)
      throw Problem.badRequest(
        'En ärendespecifik jävsanmälan ska ange ärendets diarienummer.',
        'validation_failed',
        [{ field: 'caseReference', messages: ['required'] }],
      );
    if (dto.type === 'arlig' && dto.supersedesId)
      throw Problem.badRequest(
        'En årlig deklaration ersätter alltid din gällande årliga deklaration.',
        'validation_failed',
        [{ field: 'supersedesId', messages: ['not_allowed_for_annual'] }],
      );
    const id = await this.db.transaction(async () => {
      const unitId = await this.declarations.unitOfUser(user.id);
      if (!unitId) throw Problem.forbidden();
      ForbiddenError.from(ability)
        .setMessage('Du kan bara lämna deklarationer för dig själv.')
        .throwUnlessCan(
          'create',
          asSubject('Declaration', { id: '', userId: user.id, unitId, unitPath: '' }),
        );
      let previous: DeclarationEntity | null = null;
      if (dto.type === 'arlig') {
        previous = await this.declarations.currentOfType(user.id, 'arlig');
      } else if (dto.supersedesId) {
        previous = await this.declarations.findPlain(dto.supersedesId);
        if (
          !previous ||
          previous.userId !== user.id ||
          previous.type !== dto.type ||
          previous.supersededBy
        )
          throw Problem.badRequest(
            'Du kan bara ersätta en egen, gällande deklaration av samma typ.',
            'validation_failed',
            [{ field: 'supersedesId', messages: ['not_replaceable'] }],
          );
      }
      const now = this.clock.now();
      const { declaration: row, interests: interestRows } = newDeclaration(
        {
          userId: user.id,
          unitId,
          type: dto.type,
          roleTitle: dto.roleTitle,
          caseReference: dto.caseReference,
          caseDescription: dto.caseDescription,
          partyName: dto.partyName,
          partyOrganisationNumber,
          claimedGround: dto.claimedGround,
          ownAssessment: dto.ownAssessment,
          proposedHandling: dto.proposedHandling,
          interests,
        },
        previous,
        now,
      );
      if (previous && !(await this.declarations.supersede(previous.id, row.id, now)))
        throw Problem.conflict(
          'Deklarationen har redan ersatts av en nyare. Ladda om sidan.',
          'edit_conflict',
        );
      await this.declarations.insert(row, interestRows);
      await this.notifications.notify(await this.declarations.managersOver(unitId, user.id), {
        kind: 'declaration.submitted',
        params: { declarationId: row.id, type: row.type },
        link: `/jav/deklarationer/${row.id}`,
      });
      await this.audit.record({
        action: 'declaration.submitted',
        actor: user,
        objectType: 'Declaration',
        objectId: row.id,
        details: {
          type: row.type,
          version: row.version,
          interests: interests.length,
          supersedes: previous?.id ?? null,
        },
      });
      return row.id;
    });
    return this.get(id, ability);
  }

  /**
   * The manager's decision (avstå, omfördela, begränsa åtkomst, ingen åtgärd) with a motivation.
   * Not readable → 404; one's own or outside the subtree one is chef of → 403; superseded or
   * already decided → 409. The declarant is told (and sees it on the declaration).
   */
  async decide(
    id: string,
    dto: DeclarationDecisionDto,
    user: AuthUser,
    ability: AppAbility,
  ): Promise<DeclarationDto> {
    await this.db.transaction(async () => {
      const d = await this.load(id, ability, 'update');
      if (d.supersededBy)
        throw Problem.conflict(
          'Deklarationen har ersatts av en nyare; besluta om den nya.',
          'status_not_allowed',
        );
      const ok = await this.declarations.decide(d.id, {
        decisionHandling: dto.handling,
        decisionMotivation: dto.motivation,
        decidedBy: user.id,
        decidedAt: this.clock.now(),
      });
      if (!ok) throw Problem.conflict('Deklarationen är redan beslutad.', 'request_decided');
      await this.notifications.notify([d.userId], {
        kind: 'declaration.decided',
        params: { declarationId: d.id, handling: dto.handling },
        link: `/jav/deklarationer/${d.id}`,
      });
      await this.audit.record({
        action: 'declaration.decided',
        actor: user,
        objectType: 'Declaration',
        objectId: d.id,
        details: { handling: dto.handling },
      });
    });
    return this.get(id, ability);
  }

  /** Who (of the people whose declarations the reader sees) has a current annual declaration. */
  async coverage(query: CoverageQuery, ability: AppAbility): Promise<CoverageDto> {
    const today = this.today();
    let unitPath: string | undefined;
    if (query.unitId) {
      const path = await this.declarations.unitPath(query.unitId);
      if (!path)
        throw Problem.badRequest('Enheten finns inte.', 'validation_failed', [
          { field: 'unitId', messages: ['unknown_unit'] },
        ]);
      unitPath = path;
    }
    const limit = query.limit ?? 50;
    const { rows, counts } = await this.declarations.coverage({
      access: accessibleWhere(ability, 'read', 'Declaration', DECLARANT_COLUMNS),
      unitPath,
      state: query.state,
      today,
      dueSoonLimit: addDays(today, DECLARATION_DUE_SOON_DAYS),
      after: query.cursor ? decodeNameCursor(query.cursor) : undefined,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      today,
      counts: {
        ...counts,
        total: counts.current + counts.due_soon + counts.expired + counts.missing,
      },
      items: page.map((r) => ({
        userId: r.userId,
        name: r.name,
        unitId: r.unitId,
        unitName: r.unitName,
        state: r.state,
        validThrough: r.validThrough ?? null,
        declarationId: r.declarationId ?? null,
        awaitingDecision: r.awaitingDecision,
      })),
      nextCursor: rows.length > limit && last ? encodeNameCursor(last.name, last.userId) : null,
    };
  }

  /**
   * Item H28 of an audit (jäv): the people who took part, their declaration's validity and
   * whether any of them declared an interest in this supplier — status only, never content.
   */
  async forAudit(auditId: string, ability: AppAbility): Promise<AuditDeclarationsDto> {
    const audit = await this.declarations.auditContext(auditId);
    const subject =
      audit &&
      asSubject('ContractAudit', {
        id: audit.id,
        contractId: audit.contractId,
        unitId: audit.unitId,
        unitPath: audit.unitPath,
      });
    if (!audit || !subject || !ability.can('read', subject)) throw Problem.notFound('Granskningen');
    const today = this.today();
    const people = await this.declarations.auditParticipants(
      audit.id,
      audit.supplierOrganisationNumber,
    );
    return {
      items: people.map((p) => ({
        userId: p.userId,
        name: p.name,
        role: p.signedAs === 'chef' ? 'chef' : 'avtalscontroller',
        declarationValidUntil: p.validThrough,
        declarationState: p.validThrough ? stateOn(p.validThrough as LocalDate, today) : 'missing',
        declaredInterestInSupplier: p.interest,
      })),
    };
  }

  private async load(
    id: string,
    ability: AppAbility,
    action: 'read' | 'update',
  ): Promise<DeclarationRow> {
    const d = await this.declarations.findById(id);
    const subject = d && asSubject('Declaration', subjectOf(d));
    if (!d || !subject || !ability.can('read', subject)) throw Problem.notFound('Deklarationen');
    if (action === 'update' && !ability.can('update', subject))
      throw new Problem(
        HttpStatus.FORBIDDEN,
        'forbidden',
        'Du kan inte besluta om den här deklarationen: egna deklarationer och deklarationer utanför de enheter du är chef över beslutas av någon annan.',
      );
    return d;
  }

  private toDto(
    d: DeclarationRow,
    interests: DeclarationInterestEntity[],
    ability: AppAbility,
  ): DeclarationDto {
    const current = d.supersededBy === null;
    return {
      id: d.id,
      seriesId: d.seriesId,
      version: d.version,
      userId: d.userId,
      userName: d.userName,
      unitId: d.unitId,
      unitName: d.unitName,
      type: d.type as DeclarationType,
      signedOn: d.signedOn,
      signedAt: d.signedAt.toISOString(),
      roleTitle: d.roleTitle,
      caseReference: d.caseReference,
      caseDescription: d.caseDescription,
      partyName: d.partyName,
      partyOrganisationNumber: d.partyOrganisationNumber,
      interests: interests.map((i) => ({
        kind: i.kind as DeclarationInterestKind,
        description: i.description,
        organisationNumber: i.organisationNumber,
        organisationName: i.organisationName,
      })),
      claimedGround: d.claimedGround as JavGround,
      ownAssessment: d.ownAssessment,
      proposedHandling: d.proposedHandling as JavHandling,
      status: d.status,
      current,
      supersededBy: d.supersededBy,
      validity: d.type === 'arlig' && current ? this.validity(d.signedOn) : null,
      decision:
        d.decisionHandling && d.decidedBy && d.decidedAt
          ? {
              handling: d.decisionHandling as JavHandling,
              motivation: d.decisionMotivation ?? '',
              decidedBy: { id: d.decidedBy, name: d.decidedByName ?? '' },
              decidedAt: d.decidedAt.toISOString(),
            }
          : null,
      canDecide:
        current &&
        d.status === 'inlamnad' &&
        ability.can('update', asSubject('Declaration', subjectOf(d))),
    };
  }

  private validity(signedOn: string): ValidityDto {
    const v = declarationValidity(signedOn as LocalDate, this.today(), {
      dueSoonDays: DECLARATION_DUE_SOON_DAYS,
    });
    return {
      state: v.state,
      validThrough: v.validThrough,
      daysLeft: v.state === 'due_soon' ? v.daysLeft : null,
    };
  }
}

/** The validity state on `today` of a declaration valid through `validThrough` (as declarationValidity). */
function stateOn(validThrough: LocalDate, today: LocalDate): CoverageState {
  const daysLeft = daysBetween(today, validThrough);
  if (daysLeft < 0) return 'expired';
  return daysLeft <= DECLARATION_DUE_SOON_DAYS ? 'due_soon' : 'current';
}

function subjectOf(d: DeclarationRow) {
  return { id: d.id, userId: d.userId, unitId: d.unitId, unitPath: d.unitPath };
}

function encodeNameCursor(name: string, id: string): string {
  return Buffer.from(JSON.stringify([name, id])).toString('base64url');
}

function decodeNameCursor(cursor: string): { name: string; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 2 &&
    typeof parsed[0] === 'string' &&
    parsed[0].length <= 200 &&
    typeof parsed[1] === 'string' &&
    /^[0-9a-f-]{36}$/i.test(parsed[1])
  )
    return { name: parsed[0], id: parsed[1] };
  throw Problem.badRequest('Ogiltig sidmarkör: börja om från första sidan.', 'validation_failed', [
    { field: 'cursor', messages: ['invalid_cursor'] },
  ]);
}

export type { CoverageState };
