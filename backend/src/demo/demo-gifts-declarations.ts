import type { AuditService } from '../core/audit/audit.service';
import type { Db } from '../core/database/db';
import { addDays, localDateOf, startOfLocalDay } from '../core/domain/local-date';
import type { GiftGuideRules, GuideAnswers } from '../guidance/domain/gift-guide';
import type { GiftDecision, JavHandling } from '../guidance/domain/guidance-taxonomy';
import { newDeclaration, type DeclarationFields } from '../guidance/declarations/declaration-rules';
import { DeclarationInterestEntity } from '../guidance/declarations/entities/declaration-interest.entity';
import { DeclarationEntity } from '../guidance/declarations/entities/declaration.entity';
import { GiftEntryEntity } from '../guidance/gifts/entities/gift-entry.entity';
import { GiftGuideVersionEntity } from '../guidance/gifts/entities/gift-guide-version.entity';
import { newGiftEntry, type GiftFields } from '../guidance/gifts/gift-rules';
import { UserEntity } from '../users/entities/user.entity';

const NO = 'no' as const;
const YES = 'yes' as const;
/** Guide answers by outcome, walked through the default rules. */
const ANSWERS = {
  /** 0 no, 1 no, 3 no, 4 yes: an event without a giver's interest → B. */
  eventB: {
    pengar: NO,
    givaren_har_intresse: NO,
    mer_an_obetydligt_varde: NO,
    resa_noje_evenemang: YES,
  },
  /** 0 no, 1 yes, 2 yes: the giver has a contract you follow up → C (register and report). */
  contractorC: { pengar: NO, givaren_har_intresse: YES, deltar_i_hanteringen: YES },
  /** … 8 yes, 9 yes, 10 yes: cannot decline out of courtesy → D. */
  courtesyD: {
    pengar: NO,
    givaren_har_intresse: NO,
    mer_an_obetydligt_varde: NO,
    resa_noje_evenemang: NO,
    enklare_fortaring: NO,
    erbjuds_narstaende: NO,
    aterkommande: NO,
    kan_beratta_oppet: YES,
    chefen_godkanner: YES,
    kan_inte_tacka_nej: YES,
  },
} satisfies Record<string, GuideAnswers>;

/**
 * The supplier the demo flags: the one with most contracts in the demo controller's scope
 * (Upphandling och avtal), so the controller sees "Deklarerat intresse hos leverantören" on them.
 * Exported for the demo test and the e2e (which declares the second one itself).
 */
export const FLAGGED_SUPPLIERS_SQL = `SELECT s.id AS "id", s.name AS "name", s."organisationNumber" AS "organisationNumber", COUNT(1) AS "n"
   FROM suppliers s
   JOIN contracts c ON c."supplierId" = s.id
   JOIN org_units u ON u.id = c."unitId"
   JOIN org_units top ON top.name = 'Upphandling och avtal'
  WHERE substr(u.path, 1, length(top.path)) = top.path
  GROUP BY s.id, s.name, s."organisationNumber"
  ORDER BY COUNT(1) DESC, s.name
  LIMIT 2`;

/**
 * Gift register entries and jäv declarations in every state, through the factories the API uses
 * (outcomes from the stored guide rules, validity from declarationValidity), each audited:
 * - gifts: a B waiting for the manager (the demo employee's), B approved, declined and returned,
 *   a D accepted on the city's behalf and a C (declined; the giver has a contract);
 * - declarations in the demo manager's department (Parkering och trafikövervakning): Anna
 *   Persson's current annual one names her brother-in-law's company, a supplier with contracts
 *   (decided: begränsa åtkomst) — the flag the controller sees; one due soon, one expired, a
 *   superseded first version and its waiting second, a case-specific jävsanmälan waiting, and the
 *   demo employee's decided declaration for a new assignment (no annual one: "saknas").
 */
export async function seedDemoGiftsDeclarations(
  db: Db,
  audit: AuditService,
  now: Date,
): Promise<{ gifts: number; declarations: number }> {
  const today = localDateOf(now);
  const users = new Map(
    (await db.repo(UserEntity).find({ select: { id: true, username: true, unitId: true } })).map(
      (u) => [u.username, u],
    ),
  );
  const person = (username: string) => {
    const u = users.get(username);
    if (!u) throw new Error(`Unknown demo user ${username}`);
    return u;
  };
  const chef = person('chef');
  const [flagged] = await db
    .manager()
    .query<Array<{ id: string; name: string; organisationNumber: string }>>(FLAGGED_SUPPLIERS_SQL);
  if (!flagged) throw new Error('demo: no supplier with contracts in the controller scope');
  const rulesRow = (
    await db.repo(GiftGuideVersionEntity).find({ order: { version: 'DESC' }, take: 1 })
  )[0];
  const rules = {
    ...(JSON.parse(rulesRow.definition) as GiftGuideRules),
    version: rulesRow.version,
  };
  const daysAgo = (n: number): Date =>
    new Date(startOfLocalDay(addDays(today, -n)).getTime() + 10 * 3600_000);

  // ---- gifts ----
  let gifts = 0;
  const gift = async (
    username: string,
    f: Omit<GiftFields, 'userId' | 'unitId' | 'receivedOn'>,
    answers: GuideAnswers,
    ago: number,
    decision?: { decision: GiftDecision; motivation: string },
  ) => {
    const u = person(username);
    const made = newGiftEntry(
      { ...f, userId: u.id, unitId: u.unitId, receivedOn: addDays(today, -ago) },
      rules,
      answers,
      daysAgo(ago - 1),
    );
    if ('incomplete' in made) throw new Error('demo gift answers are incomplete');
    const e = made.entry;
    if (decision) {
      e.status = 'beslutad';
      e.decision = decision.decision;
      e.decisionMotivation = decision.motivation;
      e.decidedBy = chef.id;
      e.decidedAt = daysAgo(ago - 3);
    }
    await db.repo(GiftEntryEntity).insert(e);
    await audit.record({
      action: 'gift.registered',
      actor: null,
      objectType: 'GiftEntry',
      objectId: e.id,
      details: {
        via: 'demo',
        outcome: e.outcome,
        guideVersion: e.guideVersion,
        relation: e.relation,
      },
    });
    if (decision)
      await audit.record({
        action: 'gift.decided',
        actor: null,
        objectType: 'GiftEntry',
        objectId: e.id,
        details: { via: 'demo', decision: decision.decision },
      });
    gifts++;
  };
  const noOrg = { giverOrganisationNumber: null, supplierId: null };
  await gift(
    'medarbetare',
    {
      ...noOrg,
      giverName: 'Bilparkens Intresseförening',
      relation: 'ingen',
      description: 'Två biljetter till en hemmamatch i Allsvenskan',
      estimatedValue: 900,
    },
    ANSWERS.eventB,
    4,
  );
  await gift(
    'anna.persson',
    {
      ...noOrg,
      giverName: 'Stadens trafiksäkerhetsråd',
      relation: 'ingen',
      description: 'Middag i samband med rådets årsmöte',
      estimatedValue: 450,
    },
    ANSWERS.eventB,
    40,
    { decision: 'godkand', motivation: 'Middagen ingår i årsmötet där du deltar i tjänsten.' },
  );
  await gift(
    'mikael.johansson',
    {
      ...noOrg,
      giverName: 'P-Teknik Norden',
      relation: 'ingen',
      description: 'Inbjudan till mässresa med övernattning',
      estimatedValue: 6500,
    },
    ANSWERS.eventB,
    60,
    {
      decision: 'avbojd',
      motivation: 'Resor betalda av en möjlig framtida leverantör tackar vi nej till.',
    },
  );
  await gift(
    'fatima.ali',
    {
      ...noOrg,
      giverName: 'Fastighetsägare på Storgatan',
      relation: 'tillstand',
      description: 'En flaska vin efter beviljat tillstånd',
      estimatedValue: 250,
    },
    ANSWERS.eventB,
    75,
    { decision: 'aterlamnas', motivation: 'Lämnas tillbaka med ett vänligt brev om våra regler.' },
  );
  await gift(
    'oskar.lund',
    {
      ...noOrg,
      giverName: 'Vänortsdelegation från Tammerfors',
      relation: 'ingen',
      description: 'Glasskål överlämnad vid officiellt besök',
      estimatedValue: 800,
    },
    ANSWERS.courtesyD,
    20,
  );
  await gift(
    'lina.karlsson',
    {
      giverName: flagged.name,
      giverOrganisationNumber: flagged.organisationNumber,
      supplierId: flagged.id,
      relation: 'avtal',
      description: 'Presentkort på 500 kronor i julklapp (avböjt)',
      estimatedValue: 500,
    },
    ANSWERS.contractorC,
    10,
  );

  // ---- declarations ----
  let declarations = 0;
  const declare = async (
    username: string,
    f: Omit<DeclarationFields, 'userId' | 'unitId'>,
    ago: number,
    opts: {
      supersede?: DeclarationEntity;
      decision?: { handling: JavHandling; motivation: string };
    } = {},
  ): Promise<DeclarationEntity> => {
    const u = person(username);
    const at = daysAgo(ago);
    const { declaration: d, interests } = newDeclaration(
      { ...f, userId: u.id, unitId: u.unitId },
      opts.supersede ?? null,
      at,
    );
    if (opts.decision) {
      d.status = 'beslutad';
      d.decisionHandling = opts.decision.handling;
      d.decisionMotivation = opts.decision.motivation;
      d.decidedBy = chef.id;
      d.decidedAt = new Date(at.getTime() + 2 * 86_400_000);
    }
    if (opts.supersede)
      await db
        .repo(DeclarationEntity)
        .update({ id: opts.supersede.id }, { supersededBy: d.id, supersededAt: at });
    await db.repo(DeclarationEntity).insert(d);
    if (interests.length) await db.repo(DeclarationInterestEntity).insert(interests);
    await audit.record({
      action: 'declaration.submitted',
      actor: null,
      objectType: 'Declaration',
      objectId: d.id,
      details: { via: 'demo', type: d.type, version: d.version, interests: interests.length },
    });
    if (opts.decision)
      await audit.record({
        action: 'declaration.decided',
        actor: null,
        objectType: 'Declaration',
        objectId: d.id,
        details: { via: 'demo', handling: opts.decision.handling },
      });
    declarations++;
    return d;
  };
  const none = { interests: [], claimedGround: 'inget', proposedHandling: 'ingen_atgard' } as const;
  await declare(
    'anna.persson',
    {
      type: 'arlig',
      roleTitle: 'Parkeringsvakt',
      interests: [
        {
          kind: 'narstaendes_intressen',
          description: 'Min svåger äger och driver företaget, som har avtal med förvaltningen.',
          organisationNumber: flagged.organisationNumber,
          organisationName: flagged.name,
        },
      ],
      claimedGround: 'slaktskapsjav',
      ownAssessment: 'Jag bör inte ta del av uppföljningen av deras avtal.',
      proposedHandling: 'begransa_atkomst',
    },
    30,
    {
      decision: {
        handling: 'begransa_atkomst',
        motivation: 'Anna deltar inte i uppföljning eller attest som rör företaget.',
      },
    },
  );
  await declare('mikael.johansson', { type: 'arlig', roleTitle: 'Parkeringsvakt', ...none }, 350, {
    decision: { handling: 'ingen_atgard', motivation: 'Inga intressen att hantera.' },
  });
  await declare('fatima.ali', { type: 'arlig', roleTitle: 'Parkeringsvakt', ...none }, 420, {
    decision: { handling: 'ingen_atgard', motivation: 'Inga intressen att hantera.' },
  });
  const first = await declare(
    'oskar.lund',
    { type: 'arlig', roleTitle: 'Handläggare', ...none },
    380,
    {
      decision: { handling: 'ingen_atgard', motivation: 'Inga intressen att hantera.' },
    },
  );
  await declare(
    'oskar.lund',
    {
      type: 'arlig',
      roleTitle: 'Handläggare',
      interests: [
        {
          kind: 'uppdrag_och_bisysslor',
          description:
            'Styrelseledamot i bostadsrättsföreningen Kastanjen, som söker parkeringstillstånd.',
          organisationNumber: null,
          organisationName: 'Brf Kastanjen',
        },
      ],
      claimedGround: 'intressejav',
      ownAssessment: 'Föreningens ansökningar bör handläggas av en kollega.',
      proposedHandling: 'omfordela',
    },
    15,
    { supersede: first },
  );
  await declare(
    'lina.karlsson',
    {
      type: 'arendespecifik',
      caseReference: 'TN 2026/0412',
      caseDescription: 'Bortforsling av fordon, kvarteret Lärkan',
      partyName: 'Lärkans Bilservice',
      claimedGround: 'delikatessjav',
      ownAssessment: 'Ägaren är en nära vän till mig.',
      proposedHandling: 'avsta',
      interests: [
        {
          kind: 'beroenden_och_relationer',
          description: 'Nära vän till ägaren sedan många år.',
          organisationNumber: null,
          organisationName: 'Lärkans Bilservice',
        },
      ],
    },
    3,
  );
  await declare(
    'medarbetare',
    {
      type: 'nytt_uppdrag',
      roleTitle: 'Parkeringsvakt',
      caseDescription: 'Arbetsgrupp för ny taxa för boendeparkering',
      ...none,
    },
    50,
    { decision: { handling: 'ingen_atgard', motivation: 'Inget jäv. Välkommen i arbetsgruppen!' } },
  );
  return { gifts, declarations };
}
