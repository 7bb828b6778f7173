import { randomUUID } from 'node:crypto';
import { ContractEntity } from '../contracts/entities/contract.entity';
import type { AuditService } from '../core/audit/audit.service';
import type { Db } from '../core/database/db';
import { addDays, daysBetween, localDateOf, type LocalDate } from '../core/domain/local-date';
import type { RiskMatrix } from '../risks/domain/risk-matrix';
import { nextReviewDate, scoreRisk, type RiskScore } from '../risks/domain/risk-scoring';
import type { RiskCategory, UnitProcess } from '../risks/domain/risk-taxonomy';
import { RiskAcceptanceEntity } from '../risks/entities/risk-acceptance.entity';
import { RiskActionEntity } from '../risks/entities/risk-action.entity';
import { RiskAssessmentEntity } from '../risks/entities/risk-assessment.entity';
import { RiskMatrixVersionEntity } from '../risks/entities/risk-matrix-version.entity';
import { RiskEntity } from '../risks/entities/risk.entity';
import { explanationOf } from '../risks/risks.service';
import { SupplierEntity } from '../suppliers/entities/supplier.entity';
import { UserEntity } from '../users/entities/user.entity';

type Level = [number, number] | null;

interface Template {
  title: string;
  description: string;
  category: RiskCategory;
  controls: string;
  action: string;
}

const CONTRACT_RISKS: Template[] = [
  {
    title: 'Okända personer på arbetsplatsen',
    description:
      'Vid platsbesök fanns personal utan ID06-kort som inte fanns med i personalliggaren.',
    category: 'arbetslivskriminalitet',
    controls: 'Personalliggare kontrolleras vid varje platsbesök.',
    action: 'Oanmälda platsbesök varje månad tillsammans med Skatteverket',
  },
  {
    title: 'Fler underleverantörsled än avtalet tillåter',
    description: 'Leverantören använder underleverantörer i flera led som inte är anmälda.',
    category: 'otillaten_underleverantor',
    controls: 'Krav på anmälan och godkännande av underleverantörer.',
    action: 'Begär in fullständig leverantörskedja och pröva varje led',
  },
  {
    title: 'Fakturor för ej utförda timmar',
    description: 'Fakturerade timmar stämmer inte med tidrapporter och besöksloggar.',
    category: 'felaktig_fakturering',
    controls: 'Stickprov på fakturor mot tidrapporter varje kvartal.',
    action: 'Inför attest med krav på underlag för varje faktura',
  },
  {
    title: 'Ändrade kontouppgifter via e-post',
    description: 'Begäran om nytt bankgiro har kommit via e-post från en avvikande adress.',
    category: 'betalningsbedrageri',
    controls: 'Ändring av betalningsmottagare kräver telefonkontroll mot känt nummer.',
    action: 'Rutin för verifiering av ändrade betalningsuppgifter',
  },
  {
    title: 'Svarta löner hos underleverantör',
    description: 'Underleverantören saknar arbetsgivarregistrering men har personal på plats.',
    category: 'skatte_och_avgiftsbrott',
    controls: 'Månadsvis kontroll av skatter och avgifter hos alla led.',
    action: 'Kräv intyg om betalda arbetsgivaravgifter för samtliga led',
  },
  {
    title: 'Kvaliteten motsvarar inte avtalet',
    description: 'Återkommande brister i utförandet och avvikelser som inte åtgärdas.',
    category: 'kvalitets_och_avtalsbrott',
    controls: 'Uppföljningsmöten och avvikelserapportering.',
    action: 'Vitesförfarande enligt avtalet vid nästa avvikelse',
  },
];

const SUPPLIER_RISKS: Template[] = [
  {
    title: 'Oklar verklig huvudman',
    description: 'Ägarstrukturen går via utländska bolag och den verkliga huvudmannen är oklar.',
    category: 'malvakt_bulvan',
    controls: 'Kontroll i registret över verkliga huvudmän vid avtalsstart.',
    action: 'Fördjupad kontroll av ägarkedjan',
  },
  {
    title: 'Skulder hos Kronofogden',
    description: 'Leverantören har skulder hos Kronofogden sedan flera månader.',
    category: 'oserios_leverantor',
    controls: 'Kvartalsvis kontroll av skatter och skulder.',
    action: 'Begär förklaring och plan för avbetalning',
  },
  {
    title: 'Onormalt lågt anbud',
    description: 'Anbudspriset ligger långt under jämförbara anbud utan förklaring.',
    category: 'onormalt_lagt_anbud',
    controls: 'Begäran om förklaring av anbudspris enligt LOU.',
    action: 'Analys av kalkyl tillsammans med upphandlaren',
  },
];

const PROCESS_RISKS: Array<Template & { process: UnitProcess }> = [
  {
    process: 'parkeringsovervakning',
    title: 'Påtryckningar mot parkeringsvakter',
    description:
      'Parkeringsvakter har fått erbjudanden och hot för att avstå från kontrollavgifter.',
    category: 'otillaten_paverkan',
    controls: 'Arbete i par i utsatta områden och rapportering av hot.',
    action: 'Utbildning i att hantera påtryckningar och hot',
  },
  {
    process: 'tillstand',
    title: 'Jäv vid beslut om parkeringstillstånd',
    description: 'Samma handläggare har bedömt ansökningar från närstående.',
    category: 'jav_vanskapskorruption',
    controls: 'Jävsdeklaration och fyraögonprincip vid beslut.',
    action: 'Stickprov av beslut varje kvartal',
  },
  {
    process: 'attest',
    title: 'Samma person beställer och attesterar',
    description: 'I små enheter beställer och attesterar samma person inköp.',
    category: 'muta_handel_med_inflytande',
    controls: 'Attestordning med dualitet för belopp över 10 000 kronor.',
    action: 'Inför dualitet för alla belopp',
  },
  {
    process: 'upphandling',
    title: 'Läckage av anbudsinformation',
    description: 'Risk att information om anbud når en anbudsgivare före tilldelning.',
    category: 'insider_mojliggorare',
    controls: 'Behörighetsstyrning i upphandlingssystemet.',
    action: 'Logggranskning av åtkomst till anbud',
  },
  {
    process: 'tillsyn',
    title: 'Gåvor vid tillsynsbesök',
    description: 'Verksamheter under tillsyn har erbjudit gåvor och tjänster.',
    category: 'muta_handel_med_inflytande',
    controls: 'Policy om gåvor och mutor, rapportering till chef.',
    action: 'Påminnelse om policyn på arbetsplatsträff',
  },
];

/** Final residual levels, cycled so that every band (and "ej bedömd") is present. */
const FINAL: Level[] = [
  [5, 5],
  [3, 4],
  [2, 3],
  [1, 2],
  null,
  [4, 5],
  [4, 4],
  [3, 3],
  [2, 2],
  [2, 5],
  [5, 4],
  [1, 5],
];

const PROCESS_UNITS = [
  'p-overvakning',
  'p-tillstand',
  'flyttning',
  'upph',
  'tillstand',
  'avtalsuppfoljning',
];
const SUPPLIER_UNITS = ['upph', 'avtalsuppfoljning', 'parkering'];

/**
 * Demo risks with two years of history: each risk has one to four assessments at earlier dates
 * (the register as of a past date differs from today's), every band and "ej bedömd" among the
 * current ones, overdue reviews and actions, stale acceptances (residual changed, expired) and
 * valid ones. The first risk — Påtryckningar mot parkeringsvakter, Mycket hög, not accepted — is
 * in the demo chef's scope for the drill-and-accept walk-through. Returns how many risks.
 */
export async function seedDemoRisks(
  db: Db,
  audit: AuditService,
  unitId: (key: string) => string,
  now: Date,
): Promise<number> {
  const today = localDateOf(now);
  const user = async (username: string) =>
    (await db.repo(UserEntity).findOneByOrFail({ username })).id;
  const controller = await user('controller');
  const chef = await user('chef');
  const owners = [
    controller,
    await user('anna.persson'),
    await user('medarbetare'),
    await user('oskar.lund'),
  ];
  const matrixRow = (
    await db.repo(RiskMatrixVersionEntity).find({ order: { version: 'DESC' }, take: 1 })
  )[0];
  const matrix = JSON.parse(matrixRow.definition) as RiskMatrix;
  const contracts = await db
    .repo(ContractEntity)
    .find({ order: { diarienummer: 'ASC' }, take: 24 });
  const suppliers = await db.repo(SupplierEntity).find({ order: { name: 'ASC' }, take: 6 });

  const score = (l: Level): RiskScore => {
    const r = scoreRisk(matrix, { likelihood: l?.[0] ?? null, consequence: l?.[1] ?? null });
    if (!r.ok) throw new Error('bad demo level');
    return r.value;
  };
  const clamp = (n: number) => Math.max(1, Math.min(5, n));

  const subjects: Array<{
    template: Template;
    kind: 'avtal' | 'leverantor' | 'process';
    contract?: ContractEntity;
    supplierId?: string;
    process?: UnitProcess;
    unit: string;
  }> = [];
  PROCESS_RISKS.forEach((t, i) =>
    subjects.push({
      template: t,
      kind: 'process',
      process: t.process,
      unit: unitId(PROCESS_UNITS[i % PROCESS_UNITS.length]),
    }),
  );
  contracts.forEach((c, i) =>
    subjects.push({
      template: CONTRACT_RISKS[i % CONTRACT_RISKS.length],
      kind: 'avtal',
      contract: c,
      unit: c.unitId,
    }),
  );
  suppliers.forEach((s, i) =>
    subjects.push({
      template: SUPPLIER_RISKS[i % SUPPLIER_RISKS.length],
      kind: 'leverantor',
      supplierId: s.id,
      unit: unitId(SUPPLIER_UNITS[i % SUPPLIER_UNITS.length]),
    }),
  );

  let count = 0;
  for (const [i, s] of subjects.entries()) {
    const final = FINAL[i % FINAL.length];
    const n = 1 + (i % 4);
    const first = addDays(today, -(720 - ((i * 37) % 200)));
    const last = addDays(today, -((i * 11) % 150));
    const riskId = randomUUID();
    const ownerId = s.kind === 'avtal' ? controller : owners[i % owners.length];
    const assessments: RiskAssessmentEntity[] = [];
    for (let k = 0; k < n; k++) {
      const day: LocalDate =
        n === 1 ? last : addDays(first, Math.round((k / (n - 1)) * daysBetween(first, last)));
      // earlier assessments were one step worse (or not yet assessed)
      const step = n - 1 - k;
      const residual: Level =
        final === null
          ? k === 0 && n > 1
            ? [3, 3]
            : null
          : step === 0
            ? final
            : [clamp(final[0] + (step % 2)), clamp(final[1] + (step > 1 ? 1 : 0))];
      const inherent: Level =
        residual === null ? null : [clamp(residual[0] + 1), clamp(residual[1] + (i % 2))];
      const inh = score(inherent);
      const res = score(residual);
      const validFrom = new Date(`${day}T09:${String(10 + k).padStart(2, '0')}:00Z`);
      assessments.push(
        Object.assign(new RiskAssessmentEntity(), {
          id: randomUUID(),
          riskId,
          seq: k + 1,
          validFrom,
          matrixVersion: matrixRow.version,
          inherentLikelihood: inh.likelihood,
          inherentConsequence: inh.consequence,
          inherentScore: inh.score,
          inherentBand: inh.band,
          inherentExplanation: explanationOf(matrix, inh),
          existingControls: residual ? s.template.controls : null,
          residualLikelihood: res.likelihood,
          residualConsequence: res.consequence,
          residualScore: res.score,
          residualBand: res.band,
          residualExplanation: explanationOf(matrix, res),
          treatment: res.band === 'lag' ? 'acceptera' : residual ? 'begransa' : null,
          nextReviewDate: nextReviewDate(matrix, res.band, day),
          assessedBy: s.kind === 'avtal' ? controller : ownerId,
        }),
      );
    }
    const current = assessments[assessments.length - 1];
    const created = assessments[0].validFrom;
    await db.repo(RiskEntity).insert({
      id: riskId,
      subjectKind: s.kind,
      contractId: s.contract?.id ?? null,
      supplierId: s.supplierId ?? null,
      processCode: s.process ?? null,
      unitId: s.unit,
      category: s.template.category,
      title: s.template.title,
      description: s.template.description,
      ownerId,
      currentSeq: current.seq,
      nextReviewDate: current.nextReviewDate,
      reviewReminderStep: null,
      createdAt: created,
      createdBy: controller,
      updatedAt: current.validFrom,
    });
    await db.repo(RiskAssessmentEntity).insert(assessments);

    // acceptances: stale by a changed residual, stale by expiry, and valid ones
    const acceptOn = (a: RiskAssessmentEntity, expiresOn: LocalDate) =>
      db.repo(RiskAcceptanceEntity).insert({
        id: randomUUID(),
        riskId,
        assessmentSeq: a.seq,
        residualLikelihood: a.residualLikelihood,
        residualConsequence: a.residualConsequence,
        residualBand: a.residualBand,
        motivation: 'Åtgärderna står inte i proportion till risken; följs upp vid nästa översyn.',
        acceptedOn: localDateOf(a.validFrom),
        expiresOn,
        acceptedBy: chef,
        createdAt: new Date(a.validFrom.getTime() + 3_600_000),
      });
    if (current.residualBand !== 'ej_bedomd' && i > 0) {
      if (i % 6 === 1 && n > 1 && assessments[n - 2].residualBand !== 'ej_bedomd')
        await acceptOn(assessments[n - 2], addDays(today, 200));
      else if (i % 6 === 3 && daysBetween(localDateOf(current.validFrom), today) > 20)
        await acceptOn(current, addDays(today, -7));
      else if (i % 6 === 5) await acceptOn(current, addDays(today, 180));
    }

    // actions: some overdue, some done
    if (i % 3 === 0 && current.residualBand !== 'ej_bedomd') {
      const due = addDays(localDateOf(current.validFrom), 45);
      await db.repo(RiskActionEntity).insert({
        id: randomUUID(),
        riskId,
        title: s.template.action,
        ownerId: owners[(i + 1) % owners.length],
        dueDate: due,
        status: i % 2 === 0 ? 'planerad' : 'pagaende',
        reminderStep: null,
        createdAt: current.validFrom,
        updatedAt: current.validFrom,
      });
    }
    if (i % 5 === 0) {
      await db.repo(RiskActionEntity).insert({
        id: randomUUID(),
        riskId,
        title: 'Genomgång av befintliga kontroller',
        ownerId: controller,
        dueDate: localDateOf(assessments[0].validFrom),
        status: 'klar',
        reminderStep: null,
        createdAt: assessments[0].validFrom,
        updatedAt: assessments[0].validFrom,
      });
    }
    await audit.record({
      action: 'risk.created',
      actor: null,
      objectType: 'Risk',
      objectId: riskId,
      details: {
        via: 'demo',
        unitId: s.unit,
        subjectKind: s.kind,
        assessments: n,
        residualBand: current.residualBand,
      },
    });
    count++;
  }
  return count;
}
