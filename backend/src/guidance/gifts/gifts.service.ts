import { ForbiddenError } from '@casl/ability';
import { HttpStatus, Injectable } from '@nestjs/common';
import { AuditService } from '../../core/audit/audit.service';
import { asSubject, type AppAbility } from '../../core/authz/ability';
import { accessibleWhere } from '../../core/authz/casl-sql';
import type { AuthUser } from '../../core/authz/roles';
import { Clock } from '../../core/clock/clock';
import { Db } from '../../core/database/db';
import { localDateOf, parseLocalDate } from '../../core/domain/local-date';
import { Problem } from '../../core/errors/problem';
import { NotificationService } from '../../core/notify/notification.service';
import { parseOrganisationNumber } from '../../contracts/domain/organisation-number';
import type { GiftOutcome, GuideFlag } from '../domain/gift-guide';
import type { GiftDecision, GiftRelation } from '../domain/guidance-taxonomy';
import { decodeDateCursor, encodeDateCursor } from '../keyset-cursor';
import {
  CreateGiftDto,
  GiftDecisionDto,
  GiftEntryDto,
  GiftPageDto,
  GiverLookupQuery,
  GiverMatchDto,
  ListGiftsQuery,
} from './dto/gift.dto';
import { GiftGuideService } from './gift-guide.service';
import { newGiftEntry } from './gift-rules';
import { GIFT_COLUMNS, GiftRow, GiftsRepository } from './gifts.repository';
import { GiverLookupBrake } from './giver-lookup-brake';

const GIVER_MATCHES = 8;

@Injectable()
export class GiftsService {
  constructor(
    private readonly gifts: GiftsRepository,
    private readonly guide: GiftGuideService,
    private readonly brake: GiverLookupBrake,
    private readonly notifications: NotificationService,
    private readonly audit: AuditService,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async list(query: ListGiftsQuery, user: AuthUser, ability: AppAbility): Promise<GiftPageDto> {
    const limit = query.limit ?? 25;
    const rows = await this.gifts.search({
      access: accessibleWhere(ability, 'read', 'GiftEntry', GIFT_COLUMNS),
      userId: query.mine ? user.id : undefined,
      status: query.status,
      after: query.cursor ? decodeDateCursor(query.cursor) : undefined,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => this.toDto(r, ability)),
      nextCursor: rows.length > limit && last ? encodeDateCursor(last.receivedOn, last.id) : null,
    };
  }

  async get(id: string, ability: AppAbility): Promise<GiftEntryDto> {
    return this.toDto(await this.load(id, ability, 'read'), ability);
  }

  /**
   * Registers a gift for oneself. The outcome is the one the CURRENT guide rules give for the
   * answers (never taken from the client); the entry keeps the version and the path. Outcome B
   * waits for a decision and tells the managers over the person's unit.
   */
  async create(dto: CreateGiftDto, user: AuthUser, ability: AppAbility): Promise<GiftEntryDto> {
    const receivedOn = parseLocalDate(dto.receivedOn);
    if (!receivedOn || receivedOn > localDateOf(this.clock.now()))
      throw Problem.badRequest('Ange ett datum som inte ligger i framtiden.', 'validation_failed', [
        { field: 'receivedOn', messages: [receivedOn ? 'in_future' : 'invalid_date'] },
      ]);
    let giverOrganisationNumber: string | null = null;
    if (dto.giverOrganisationNumber) {
      const parsed = parseOrganisationNumber(dto.giverOrganisationNumber);
      if (!parsed.ok)
        throw Problem.badRequest(
          'Givarens organisationsnummer är inte giltigt.',
          'invalid_organisation_number',
          [{ field: 'giverOrganisationNumber', messages: [parsed.reason] }],
        );
      giverOrganisationNumber = parsed.value;
    }
    const { rules } = await this.guide.currentRules();
    const id = await this.db.transaction(async () => {
      const unitId = await this.gifts.unitOfUser(user.id);
      if (!unitId) throw Problem.forbidden();
      if (dto.supplierId) {
        const s = await this.gifts.supplier(dto.supplierId);
        if (!s)
          throw Problem.badRequest('Leverantören finns inte.', 'validation_failed', [
            { field: 'supplierId', messages: ['unknown_supplier'] },
          ]);
        giverOrganisationNumber ??= s.organisationNumber;
      }
      ForbiddenError.from(ability)
        .setMessage('Du kan bara registrera gåvor till dig själv.')
        .throwUnlessCan(
          'create',
          asSubject('GiftEntry', { id: '', userId: user.id, unitId, unitPath: '' }),
        );
      const made = newGiftEntry(
        {
          userId: user.id,
          unitId,
          giverName: dto.giverName,
          giverOrganisationNumber,
          supplierId: dto.supplierId ?? null,
          relation: dto.relation,
          description: dto.description,
          estimatedValue: dto.estimatedValue,
          receivedOn,
        },
        rules,
        dto.answers,
        this.clock.now(),
      );
      if ('incomplete' in made)
        throw Problem.badRequest(
          'Svara på gåvoguidens frågor tills den ger ett utfall innan du registrerar.',
          'validation_failed',
          [{ field: 'answers', messages: ['guide_incomplete', made.incomplete.id] }],
        );
      const row = made.entry;
      const outcome = row.outcome;
      await this.gifts.insert(row);
      if (outcome === 'B') {
        await this.notifications.notify(await this.gifts.managersOver(unitId, user.id), {
          kind: 'gift.decision_needed',
          params: { giftId: row.id },
          link: `/gavor/register/${row.id}`,
        });
      }
      await this.audit.record({
        action: 'gift.registered',
        actor: user,
        objectType: 'GiftEntry',
        objectId: row.id,
        details: { outcome, guideVersion: rules.version, relation: row.relation },
      });
      return row.id;
    });
    return this.get(id, ability);
  }

  /**
   * A manager's decision on a B entry (approve, decline, return) with a motivation. Not readable
   * → 404; readable but not theirs to decide (their own entry, or not a manager over it) → 403;
   * not a B entry or already decided → 409.
   */
  async decide(
    id: string,
    dto: GiftDecisionDto,
    user: AuthUser,
    ability: AppAbility,
  ): Promise<GiftEntryDto> {
    await this.db.transaction(async () => {
      const g = await this.load(id, ability, 'update');
      if (g.outcome !== 'B')
        throw Problem.conflict(
          'Bara poster med utfall B (rådgör med chef) beslutas av chefen.',
          'status_not_allowed',
        );
      const decided = await this.gifts.decide(g.id, {
        decision: dto.decision,
        decisionMotivation: dto.motivation,
        decidedBy: user.id,
        decidedAt: this.clock.now(),
      });
      if (!decided) throw Problem.conflict('Posten är redan beslutad.', 'request_decided');
      await this.notifications.notify([g.userId], {
        kind: 'gift.decided',
        params: { giftId: g.id, decision: dto.decision },
        link: `/gavor`,
      });
      await this.audit.record({
        action: 'gift.decided',
        actor: user,
        objectType: 'GiftEntry',
        objectId: g.id,
        details: { decision: dto.decision },
      });
    });
    return this.get(id, ability);
  }

  /** Suppliers matching a number or a name prefix: id and name only, braked per person. */
  async givers(query: GiverLookupQuery, user: AuthUser): Promise<GiverMatchDto[]> {
    this.brake.take(user.id);
    const parsed = parseOrganisationNumber(query.q);
    if (parsed.ok)
      return this.gifts.suppliersMatching({ organisationNumber: parsed.value }, GIVER_MATCHES);
    if (/^[\d\s-]+$/.test(query.q)) return [];
    return this.gifts.suppliersMatching({ namePrefix: query.q }, GIVER_MATCHES);
  }

  private async load(id: string, ability: AppAbility, action: 'read' | 'update'): Promise<GiftRow> {
    const g = await this.gifts.findById(id);
    const subject = g && asSubject('GiftEntry', subjectOf(g));
    if (!g || !subject || !ability.can('read', subject)) throw Problem.notFound('Posten');
    if (action === 'update' && !ability.can('update', subject))
      throw new Problem(
        HttpStatus.FORBIDDEN,
        'forbidden',
        'Du kan inte besluta om den här posten: egna poster och poster utanför de enheter du är chef över beslutas av någon annan.',
      );
    return g;
  }

  private toDto(g: GiftRow, ability: AppAbility): GiftEntryDto {
    const subject = asSubject('GiftEntry', subjectOf(g));
    return {
      id: g.id,
      userId: g.userId,
      userName: g.userName,
      unitId: g.unitId,
      unitName: g.unitName,
      giverName: g.giverName,
      giverOrganisationNumber: g.giverOrganisationNumber,
      supplierId: g.supplierId,
      supplierName: g.supplierName,
      relation: g.relation as GiftRelation,
      description: g.description,
      estimatedValue: g.estimatedValue,
      receivedOn: g.receivedOn,
      outcome: g.outcome as GiftOutcome,
      guideVersion: g.guideVersion,
      path: JSON.parse(g.guidePath) as Array<{ question: string; answer: 'yes' | 'no' }>,
      flags: (g.guideFlags ? g.guideFlags.split(',') : []) as GuideFlag[],
      status: g.status,
      decision: g.decision as GiftDecision | null,
      decisionMotivation: g.decisionMotivation,
      decidedBy: g.decidedBy ? { id: g.decidedBy, name: g.decidedByName ?? '' } : null,
      decidedAt: g.decidedAt?.toISOString() ?? null,
      createdAt: g.createdAt.toISOString(),
      canDecide: g.status === 'vantar_beslut' && ability.can('update', subject),
    };
  }
}

function subjectOf(g: GiftRow) {
  return { id: g.id, userId: g.userId, unitId: g.unitId, unitPath: g.unitPath };
}
