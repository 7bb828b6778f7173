import { generateOrganisationNumber } from '../contracts/domain/organisation-number';
import type { RedFlagCode } from '../contracts/domain/red-flags';
import type { Sector } from '../contracts/domain/contract-classes';

/**
 * About 60 demo suppliers across the sectors (fictitious names; organisation numbers are
 * generated, valid and reproducible). Some carry red flags; a few need fördjupad kontroll.
 */
export interface DemoSupplier {
  name: string;
  sector: Sector;
  city: string;
  flags?: Array<{ code: RedFlagCode; evidence: string }>;
  beneficialOwner?: string;
}

const BY_SECTOR: Record<Sector, string[]> = {
  bygg_anlaggning: [
    'Norrlandsbygg AB',
    'Bergström & Söner Entreprenad AB',
    'Älvdalens Mark och Anläggning AB',
    'Stenhuggarna i Skövde AB',
    'Ekholms Bygg & Fasad HB',
    'Vägverkstaden Syd AB',
    'Östgöta Grund AB',
    'Kranbolaget i Mälardalen AB',
    'Takläggarna i Norrköping AB',
  ],
  stad: [
    'Ängsbacka Städ AB',
    'Rent & Fint i Örebro AB',
    'Städpoolen Norr AB',
    'Glansservice Väst AB',
    'Blänk Lokalvård AB',
    'Solrosens Städtjänst AB',
    'Fönsterputs Öst HB',
    'Kontorsvård Dalarna AB',
  ],
  transport: [
    'Öresunds Åkeri AB',
    'Skolskjuts Väst AB',
    'Lindqvists Buss & Taxi AB',
    'Fjällens Godstransport AB',
    'Mälarfrakt AB',
    'Sjukresor i Dalarna AB',
    'Åkeri Björnen AB',
    'Flyttfirman Hälsa & Lyft AB',
  ],
  restaurang: [
    'Köket på Torget AB',
    'Skolmåltider i Sörmland AB',
    'Smakglädje Catering AB',
    'Gröna Gaffeln Ek. för.',
    'Matlaget Hälsingland AB',
    'Bageri Kanel & Kardemumma AB',
  ],
  vard_omsorg: [
    'Omsorgshuset Trygg AB',
    'Hemtjänst Lyckan AB',
    'Assistansgruppen Nord AB',
    'Vårdbolaget Linnea AB',
    'Boendestöd i Väst AB',
    'Familjehemsbyrån Ankaret AB',
    'Personlig Assistans Syd AB',
    'Äldreomsorg Solgläntan AB',
  ],
  fastighetsservice: [
    'Fastighetsskötsel Mitt AB',
    'Huslaget Service AB',
    'Portvakten Fastighetsservice AB',
    'Låssmeden i Gävle AB',
  ],
  gronytor_skotsel: ['Trädgårdsmästarna i Lund AB', 'Parkvård Sverige AB', 'Gräsklipparen HB'],
  avfall_renhallning: ['Återvinning Norr AB', 'Renhållning Öst AB', 'Slamsugarna i Skåne AB'],
  it_telekom: [
    'Molnkraft IT AB',
    'Nätverksbolaget Kvarn AB',
    'Säkra Data Sverige AB',
    'Kommunsystem Nordic AB',
  ],
  konsulttjanster: [
    'Utredarna Åberg & Co AB',
    'Förvaltningskonsult Dahl AB',
    'Revisionsbyrån Granskning AB',
    'Strategi & Styrning i Umeå AB',
  ],
  ovrigt: ['Tolkförmedlingen Babel AB', 'Bevakningsbolaget Vaksam AB', 'Tryckeriet i Ljusdal AB'],
};

const CITIES = [
  'Gävle',
  'Örebro',
  'Västerås',
  'Uppsala',
  'Linköping',
  'Umeå',
  'Sundsvall',
  'Jönköping',
  'Malmö',
  'Göteborg',
];

/** Flags for some suppliers, by name: a few heavy ones and a few with several ordinary flags. */
const FLAGS: Record<string, DemoSupplier['flags']> = {
  'Vägverkstaden Syd AB': [
    {
      code: 'skulder_kronofogden',
      evidence: 'Utdrag från Kronofogden 2026-09-14 visar skulder på 412 000 kr.',
    },
  ],
  'Städpoolen Norr AB': [
    { code: 'nystartat', evidence: 'Registrerat hos Bolagsverket för fyra månader sedan.' },
    { code: 'box_co_adress', evidence: 'Postadress är en c/o-adress hos en redovisningsbyrå.' },
    { code: 'saknar_telefon', evidence: 'Angivet nummer är inte i bruk (provat tre gånger).' },
  ],
  'Åkeri Björnen AB': [
    {
      code: 'andrat_bankgiro_via_epost',
      evidence: 'E-post 2026-10-02 bad oss byta bankgiro inför nästa faktura.',
    },
  ],
  'Glansservice Väst AB': [
    {
      code: 'oklar_verklig_huvudman',
      evidence: 'Huvudman saknas i registret över verkliga huvudmän.',
    },
    { code: 'tata_styrelsebyten', evidence: 'Tre styrelsebyten det senaste året.' },
  ],
  'Kranbolaget i Mälardalen AB': [
    {
      code: 'ej_anmalda_underleverantorer',
      evidence: 'Okänd underentreprenör på plats vid besök 2026-08-21.',
    },
    { code: 'saknar_id06', evidence: 'Fyra personer utan ID06-kort vid samma besök.' },
  ],
  'Hemtjänst Lyckan AB': [
    {
      code: 'malvakt_samordningsnummer',
      evidence: 'Firmatecknaren har samordningsnummer och ingen känd koppling till verksamheten.',
    },
  ],
  'Köket på Torget AB': [
    { code: 'ospecificerad_faktura', evidence: 'Faktura september saknar specifikation.' },
  ],
  'Mälarfrakt AB': [
    { code: 'aterkommande_overpriser', evidence: 'Tilläggsdebiteringar i fem av sex fakturor.' },
  ],
  'Ekholms Bygg & Fasad HB': [
    { code: 'onormalt_lagt_anbud', evidence: 'Anbudet var 38 % under näst lägsta.' },
  ],
  'Boendestöd i Väst AB': [
    { code: 'saknar_f_skatt', evidence: 'F-skatt återkallad enligt Skatteverket 2026-07-01.' },
    {
      code: 'saknade_arbetsgivaravgifter',
      evidence: 'Inga redovisade arbetsgivaravgifter för juli–september.',
    },
  ],
  'Bevakningsbolaget Vaksam AB': [
    { code: 'erbjudanden_gavor', evidence: 'Erbjöd handläggaren biljetter till hockeymatch.' },
  ],
};

const OWNERS = ['Anna Lindqvist', 'Mehmet Öztürk', 'Karin Åström', 'Johan Ek', 'Sara Nilsson'];

export const DEMO_SUPPLIERS: DemoSupplier[] = Object.entries(BY_SECTOR).flatMap(
  ([sector, names], si) =>
    names.map((name, i) => ({
      name,
      sector: sector as Sector,
      city: CITIES[(si * 3 + i) % CITIES.length],
      beneficialOwner:
        name === 'Glansservice Väst AB' ? undefined : OWNERS[(si + i) % OWNERS.length],
      flags: FLAGS[name],
    })),
);

/** A small seeded generator (mulberry32), so the demo's numbers are the same every time. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Distinct valid organisation numbers for the demo suppliers, in order. */
export function demoOrganisationNumbers(count: number, seed = 2026): string[] {
  const random = seededRandom(seed);
  const seen = new Set<string>();
  while (seen.size < count) seen.add(generateOrganisationNumber(random));
  return [...seen];
}
