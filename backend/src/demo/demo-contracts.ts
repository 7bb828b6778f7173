import { newContract, type SubcontractorInput } from '../contracts/contract-rules';
import type { FollowUpClass, Sector } from '../contracts/domain/contract-classes';
import { generateOrganisationNumber } from '../contracts/domain/organisation-number';
import { ContractSubcontractorEntity } from '../contracts/entities/contract-subcontractor.entity';
import { ContractEntity } from '../contracts/entities/contract.entity';
import type { AuditService } from '../core/audit/audit.service';
import { addDays, localDateOf, type LocalDate } from '../core/domain/local-date';
import type { Db } from '../core/database/db';
import { SupplierEntity } from '../suppliers/entities/supplier.entity';
import { UserEntity } from '../users/entities/user.entity';
import { DEMO_SUPPLIERS, seededRandom } from './demo-suppliers';

/** How many demo contracts there are. */
export const DEMO_CONTRACT_COUNT = 150;

/** What each sector buys (fictitious contract titles). */
const TITLES: Record<Sector, string[]> = {
  bygg_anlaggning: [
    'Ombyggnad av gång- och cykelbana',
    'Beläggningsarbeten',
    'Brounderhåll',
    'Markarbeten vid busshållplatser',
  ],
  stad: ['Lokalvård i förvaltningshuset', 'Fönsterputs', 'Städning av parkeringshus'],
  transport: ['Skolskjuts', 'Flyttning av fordon', 'Godstransporter till depå', 'Sjukresor'],
  restaurang: ['Måltider vid evenemang', 'Personalrestaurang', 'Catering till sammanträden'],
  vard_omsorg: ['Personlig assistans', 'Boendestöd', 'Hemtjänst på entreprenad'],
  fastighetsservice: ['Fastighetsskötsel', 'Lås- och passersystem', 'Felanmälan och jour'],
  gronytor_skotsel: ['Skötsel av parker', 'Trädbeskärning', 'Gräsklippning längs vägar'],
  avfall_renhallning: ['Sophämtning i parker', 'Gaturenhållning', 'Tömning av papperskorgar'],
  it_telekom: ['Drift av parkeringssystem', 'Mobiltelefoni', 'Förvaltning av ärendesystem'],
  konsulttjanster: ['Trafikutredning', 'Stöd i upphandling', 'Granskning av intern kontroll'],
  ovrigt: ['Tolktjänster', 'Bevakning av depå', 'Tryckeritjänster'],
};

/**
 * Responsible units by demo unit key, weighted: most contracts belong to the procurement
 * department (the demo controller's scope), many to parking (the demo manager's), the rest to
 * other departments — so every demo account sees a realistic share.
 */
const UNITS: Array<[string, number]> = [
  ['upph', 30],
  ['avtalsuppfoljning', 25],
  ['upphandling', 15],
  ['p-overvakning', 8],
  ['flyttning', 6],
  ['parkering', 4],
  ['gatudrift', 4],
  ['renhallning', 3],
  ['vinter', 2],
  ['it', 2],
  ['ekonomi', 1],
];

const SUBCONTRACTOR_NAMES = [
  'Bemanning & Bygg i Norr AB',
  'Snabbstäd Express HB',
  'Lastbilsgruppen Öst AB',
  'Montage Partner AB',
  'Kökspersonal Direkt AB',
  'Assistansjouren AB',
  'Markservice Syd HB',
  'Entreprenadtjänst Nord AB',
];

export interface DemoContract {
  title: string;
  diarienummer: string;
  supplierName: string;
  sector: Sector;
  annualValue: number;
  startDate: LocalDate;
  endDate: LocalDate;
  unitKey: string;
  followUpClass: FollowUpClass;
  maxSubcontractorTiers: number;
  notes: string | null;
  subcontractors: SubcontractorInput[];
}

/**
 * 150 reproducible demo contracts across the sectors and classes (≈10 % A, 30 % B, 60 % C) over
 * the demo suppliers: some ended, a few not started, some with subcontractor chains deeper than
 * the contract allows or with links not yet approved.
 */
export function demoContracts(today: LocalDate, seed = 7): DemoContract[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const unitTotal = UNITS.reduce((s, [, w]) => s + w, 0);
  const pickUnit = (): string => {
    let r = random() * unitTotal;
    for (const [key, w] of UNITS) if ((r -= w) < 0) return key;
    return UNITS[0][0];
  };
  const out: DemoContract[] = [];
  for (let i = 0; i < DEMO_CONTRACT_COUNT; i++) {
    const supplier = DEMO_SUPPLIERS[i % DEMO_SUPPLIERS.length];
    const cls: FollowUpClass = i % 10 === 0 ? 'A' : i % 10 <= 3 ? 'B' : 'C';
    const base = cls === 'A' ? 6_000_000 : cls === 'B' ? 1_500_000 : 150_000;
    const annualValue = Math.round((base * (1 + random() * 4)) / 1000) * 1000;
    // starts between about three years ago and a few months ahead; runs one to four years
    const startDate = addDays(today, Math.round(-1100 + random() * 1200));
    const endDate = addDays(startDate, 365 * (1 + Math.floor(random() * 4)) - 1);
    const maxTiers = cls === 'A' ? 2 : 1;
    const subcontractors: SubcontractorInput[] = [];
    const chain = i % 7 === 0 ? 3 : i % 3 === 0 ? 1 : 0; // every 7th goes too deep
    for (let tier = 1; tier <= chain; tier++) {
      subcontractors.push({
        name: pick(SUBCONTRACTOR_NAMES),
        organisationNumber: generateOrganisationNumber(random),
        tier,
        approvalStatus: tier > maxTiers ? 'ej_provad' : i % 11 === 0 ? 'ej_godkand' : 'godkand',
      });
    }
    const year = startDate.slice(0, 4);
    out.push({
      title: `${pick(TITLES[supplier.sector])} – ${supplier.name.replace(/ (AB|HB|Ek\. för\.)$/, '')}`,
      diarienummer: `TN ${year}/${String(1000 + i * 7).padStart(4, '0')}`,
      supplierName: supplier.name,
      sector: supplier.sector,
      annualValue,
      startDate,
      endDate,
      unitKey: pickUnit(),
      followUpClass: cls,
      maxSubcontractorTiers: maxTiers,
      notes:
        chain > maxTiers
          ? 'Vid platsbesök uppgav leverantören fler led än avtalet tillåter; utreds.'
          : null,
      subcontractors,
    });
  }
  return out;
}

/**
 * Seeds the demo contracts through the contract factory, each created and audited as the demo
 * controller would (`contract.created`, no content in the details). Returns how many.
 */
export async function seedDemoContracts(
  db: Db,
  audit: AuditService,
  unitId: (key: string) => string,
  now: Date,
): Promise<number> {
  const controller = await db.repo(UserEntity).findOneByOrFail({ username: 'controller' });
  const suppliers = new Map(
    (await db.repo(SupplierEntity).find()).map((s) => [s.name, s.id] as const),
  );
  const created = new Date(now.getTime() - 60 * 86_400_000);
  let count = 0;
  for (const d of demoContracts(localDateOf(now))) {
    const supplierId = suppliers.get(d.supplierName);
    if (!supplierId) throw new Error(`Unknown demo supplier ${d.supplierName}`);
    const { contract, subcontractors } = newContract(
      {
        title: d.title,
        diarienummer: d.diarienummer,
        supplierId,
        sector: d.sector,
        annualValue: d.annualValue,
        startDate: d.startDate,
        endDate: d.endDate,
        unitId: unitId(d.unitKey),
        followUpClass: d.followUpClass,
        maxSubcontractorTiers: d.maxSubcontractorTiers,
        notes: d.notes,
        ownerId: d.followUpClass === 'A' ? controller.id : null,
        createdBy: controller.id,
      },
      d.subcontractors,
      created,
    );
    await db.repo(ContractEntity).insert(contract);
    if (subcontractors.length) await db.repo(ContractSubcontractorEntity).insert(subcontractors);
    await audit.record({
      action: 'contract.created',
      actor: controller,
      objectType: 'Contract',
      objectId: contract.id,
      details: {
        source: 'demo',
        unitId: contract.unitId,
        supplierId,
        followUpClass: contract.followUpClass,
        subcontractors: subcontractors.length,
        chainWarnings: contract.chainWarningCount,
      },
    });
    count++;
  }
  return count;
}
