/**
 * Checklist templates for contract follow-up (domain.md §5) and the default Swedish template:
 * 28 items in sections A–H, each with the question, guidance for the controller and the evidence
 * (underlag) expected. Templates are versioned data; an audit keeps the version it started with.
 */

export interface ChecklistItem {
  /** Stable within a template, e.g. `H28`. */
  id: string;
  /** Running number shown to people (1–28 in the default template). */
  number: number;
  text: string;
  guidance: string;
  evidence: string;
}

export interface ChecklistSection {
  /** `A`–`H` in the default template. */
  code: string;
  title: string;
  items: ChecklistItem[];
}

export interface ChecklistTemplate {
  key: string;
  version: number;
  title: string;
  sections: ChecklistSection[];
}

type Row = [number, string, string, string];
function section(code: string, title: string, rows: Row[]): ChecklistSection {
  return {
    code,
    title,
    items: rows.map(([number, text, guidance, evidence]) => ({
      id: `${code}${number}`,
      number,
      text,
      guidance,
      evidence,
    })),
  };
}

/** The default template shipped with Värn (version 1). */
export const DEFAULT_CHECKLIST_TEMPLATE: ChecklistTemplate = {
  key: 'avtalsuppfoljning-standard',
  version: 1,
  title: 'Checklista för avtalsuppföljning',
  sections: [
    section('A', 'Leverantörens identitet och företrädare', [
      [
        1,
        'Organisationsnummer, firma och status',
        'Kontrollera att organisationsnummer och firmanamn stämmer med avtalet och att bolaget är aktivt (inte i konkurs eller likvidation). Notera datum för utdraget.',
        'Registreringsbevis eller utdrag från Bolagsverket, med datum.',
      ],
      [
        2,
        'Verklig huvudman är registrerad och rimlig',
        'Kontrollera att verklig huvudman är registrerad och att uppgiften är rimlig mot ägare och företrädare. Oklar verklig huvudman är en tung varningssignal och kräver fördjupad kontroll.',
        'Utdrag ur registret över verkliga huvudmän, med datum.',
      ],
      [
        3,
        'Styrelse- och företrädarbyten de senaste 12–24 månaderna',
        'Gå igenom ändringshistoriken. Täta byten, nya företrädare med samordningsnummer eller tecken på målvakt kräver fördjupad kontroll.',
        'Ändringshistorik från Bolagsverket eller kreditupplysning.',
      ],
      [
        4,
        'Adress och verksamhetslokal är verifierade',
        'Kontrollera att adressen inte är en box-, c/o- eller känd problemadress och att det finns en verklig verksamhetslokal. Besök platsen vid behov.',
        'Adress enligt registerutdrag; anteckning eller foto från platsbesök.',
      ],
      [
        5,
        'Varningslistor och domar',
        'Sök på leverantören och dess företrädare i tillgängliga varningslistor och domstolsavgöranden, och stäm av med förvaltningens egna erfarenheter.',
        'Sökresultat med källa och datum.',
      ],
      [
        6,
        'Sanningsförsäkran och uteslutningsgrunder är aktuella',
        'Kontrollera att ingen uteslutningsgrund föreligger (till exempel brott eller obetalda skatter och avgifter) och att sanningsförsäkran är aktuell. Uteslutningsgrunderna prövas under hela avtalstiden, inte bara vid tilldelning.',
        'Aktuell sanningsförsäkran och dokumenterad kontroll av uteslutningsgrunder, med datum.',
      ],
    ]),
    section('B', 'Skatter, avgifter och registreringar', [
      [
        7,
        'F-skatt, moms- och arbetsgivarregistrering',
        'Kontrollera hos Skatteverket att leverantören har F-skatt och är registrerad för moms och som arbetsgivare.',
        'Kontrollsvar eller utdrag från Skatteverket, med datum.',
      ],
      [
        8,
        'Skatteskulder hos Kronofogden',
        'Kontrollera om leverantören har skulder hos Kronofogden. Skulder är en tung varningssignal och kräver fördjupad kontroll.',
        'Kontrollsvar från Kronofogden eller kreditupplysning, med datum.',
      ],
      [
        9,
        'Skattekontoutdrag och inbetalda arbetsgivaravgifter de senaste tre månaderna',
        'Begär skattekontoutdrag och stäm av att arbetsgivaravgifter och avdragen skatt har redovisats och betalats för de tre senaste månaderna.',
        'Skattekontoutdrag för de tre senaste månaderna.',
      ],
      [
        10,
        'Antalet anställda är rimligt i förhållande till leveransen',
        'Bedöm om antalet anställda och redovisade lönesummor räcker för den volym som levereras. Få anställda mot en stor leverans kan tyda på svart arbetskraft eller oanmälda underleverantörer.',
        'Uppgift om antal anställda och lönesumma; egen rimlighetsberäkning.',
      ],
    ]),
    section('C', 'Underleverantörer och kedjor', [
      [
        11,
        'Alla underleverantörer är anmälda och godkända',
        'Jämför de företag som syns på plats och i fakturor med de underleverantörer som är anmälda och godkända enligt avtalet.',
        'Förteckning över anmälda underleverantörer och beslut om godkännande.',
      ],
      [
        12,
        'Antal led i kedjan',
        'Kontrollera att kedjan inte har fler led än avtalet tillåter.',
        'Kedjeförteckning med led för varje underleverantör.',
      ],
      [
        13,
        'Kontroller är genomförda i alla led',
        'Kontrollera att kontrollerna i avsnitt A och B har gjorts även för underleverantörerna, i alla led.',
        'Kontrollresultat per underleverantör.',
      ],
    ]),
    section('D', 'Personal och arbetsvillkor', [
      [
        14,
        'Personalförteckning',
        'Begär personalförteckning för uppdraget och stäm av den mot de personer som arbetar på plats.',
        'Personalförteckning med datum.',
      ],
      [
        15,
        'ID-kort och stickprov på arbetsplatsen',
        'Gör oanmälda stickprov: kontrollera ID06 eller motsvarande och att personerna finns i personalförteckningen.',
        'Protokoll från stickprovet med datum, antal kontrollerade personer och avvikelser.',
      ],
      [
        16,
        'Arbetsrättsliga villkor (lön, arbetstid, försäkringar)',
        'Kontrollera i stickprov att lön, arbetstid och försäkringar minst motsvarar avtalets krav, till exempel kollektivavtalsnivå.',
        'Lönespecifikationer, tidrapporter och försäkringsbevis för stickprovet.',
      ],
      [
        17,
        'Arbetsmiljö och boende',
        'Kontrollera arbetsmiljön på plats och, om leverantören ordnar boende åt personalen, att boendet är skäligt.',
        'Anteckningar eller foton från besöket; leverantörens arbetsmiljöplan.',
      ],
      [
        18,
        'Utstationerade arbetstagare',
        'Om leverantören använder utstationerade arbetstagare: kontrollera att utstationeringen är anmäld till Arbetsmiljöverket och att det finns en kontaktperson.',
        'Kvittens på anmälan om utstationering.',
      ],
    ]),
    section('E', 'Leverans, kvalitet och kvantitet', [
      [
        19,
        'Levererad volym och kvalitet mot avtal',
        'Stäm av levererad volym och kvalitet mot avtal och beställningar, helst genom egen kontroll på plats.',
        'Leveransrapporter, egna mätningar eller besiktningsprotokoll.',
      ],
      [
        20,
        'Avvikelser och reklamationer',
        'Gå igenom avvikelser och reklamationer sedan förra uppföljningen och hur leverantören har hanterat dem.',
        'Avvikelselogg, reklamationer och leverantörens svar.',
      ],
      [
        21,
        'Uppföljningsmöten enligt prioriteringsnivå',
        'Kontrollera att uppföljningsmöten har hållits så ofta som avtalets klass kräver: A tre gånger per år, B en gång per år, C vartannat år.',
        'Mötesanteckningar med datum.',
      ],
    ]),
    section('F', 'Fakturor och betalningar', [
      [
        22,
        'Fakturaspecifikation mot avtal och prislista',
        'Granska fakturor i stickprov: specifikation, priser och mängder ska stämma mot avtal, prislista och beställning.',
        'Granskade fakturor med anteckningar.',
      ],
      [
        23,
        'Ändrade bank- och bankgirouppgifter är verifierade via annan kanal',
        'Kontrollera att varje ändring av betalningsuppgifter har bekräftats via en annan kanal än den ändringen kom genom, till exempel telefon till ett sedan tidigare känt nummer.',
        'Logg över ändringar med sätt att verifiera, datum och vem som verifierade.',
      ],
      [
        24,
        'Ändringar i leverantörsregistrets fasta data är loggade och granskade',
        'Kontrollera att ändringar av leverantörens fasta uppgifter i leverantörsregistret loggas och granskas av någon annan än den som gjorde ändringen.',
        'Ändringslogg från ekonomisystemet och anteckning om granskningen.',
      ],
      [
        25,
        'Attest och behörighet (två personer)',
        'Kontrollera att fakturorna är attesterade av behöriga personer enligt attestordningen och att två personer har medverkat.',
        'Attestlogg för de granskade fakturorna och gällande attestordning.',
      ],
    ]),
    section('G', 'Avtalsvillkor, sanktioner och dokumentation', [
      [
        26,
        'Avtalet innehåller kontroll-, hävnings- och sanktionsvillkor',
        'Kontrollera att avtalet ger rätt att granska leverantören och dess underleverantörer och innehåller vite och rätt att häva avtalet vid brister.',
        'Hänvisning till avtalets villkor (punkt och sida).',
      ],
      [
        27,
        'Åtgärd vid avvikelse är beslutad och dokumenterad',
        'Kontrollera att varje avvikelse har lett till en beslutad åtgärd (varning, vite, hävning, anmälan till Ekobrottsmyndigheten, polisen eller Skatteverket) och att beslutsfattaren framgår.',
        'Beslut med beslutsfattare och datum.',
      ],
    ]),
    section('H', 'Jäv och otillåten påverkan i avtalsförvaltningen', [
      [
        28,
        'Jävsdeklarationer och påverkansförsök från leverantören',
        'Kontrollera att alla tjänstepersoner som deltar i uppföljningen har en aktuell jävsdeklaration, och att påverkansförsök från leverantören (erbjudanden, gåvor, påtryckningar, hot) är rapporterade i Värn.',
        'Aktuella jävsdeklarationer; hänvisning till rapporter om påverkansförsök.',
      ],
    ]),
  ],
};

/** All items of a template in order. */
export function checklistItems(template: ChecklistTemplate): ChecklistItem[] {
  return template.sections.flatMap((s) => s.items);
}

export type ChecklistIssue =
  | { code: 'checklist_empty' }
  | { code: 'checklist_too_large'; max: number }
  | { code: 'section_empty'; section: string }
  | { code: 'duplicate_section'; section: string }
  | { code: 'duplicate_item'; item: string }
  | { code: 'invalid_id'; id: string }
  | { code: 'text_missing'; item: string; field: 'text' | 'guidance' | 'evidence' }
  | { code: 'title_missing'; section?: string };

/** Limits for administrator-edited templates. */
export const CHECKLIST_MAX_ITEMS = 200;
const ID = /^[A-Za-z0-9_-]{1,16}$/;
const blank = (s: unknown) => typeof s !== 'string' || s.trim() === '';

/**
 * Checks an edited template before a new version is published: a title, at least one section,
 * every section titled and non-empty, ids well-formed and unique, every item with question,
 * guidance and evidence text, at most CHECKLIST_MAX_ITEMS items.
 */
export function validateChecklistTemplate(template: ChecklistTemplate): ChecklistIssue[] {
  const issues: ChecklistIssue[] = [];
  if (blank(template.title)) issues.push({ code: 'title_missing' });
  if (template.sections.length === 0) return [...issues, { code: 'checklist_empty' }];
  const sections = new Set<string>();
  const items = new Set<string>();
  for (const s of template.sections) {
    if (!ID.test(s.code)) issues.push({ code: 'invalid_id', id: s.code });
    if (sections.has(s.code)) issues.push({ code: 'duplicate_section', section: s.code });
    sections.add(s.code);
    if (blank(s.title)) issues.push({ code: 'title_missing', section: s.code });
    if (s.items.length === 0) issues.push({ code: 'section_empty', section: s.code });
    for (const i of s.items) {
      if (!ID.test(i.id)) issues.push({ code: 'invalid_id', id: i.id });
      if (items.has(i.id)) issues.push({ code: 'duplicate_item', item: i.id });
      items.add(i.id);
      for (const field of ['text', 'guidance', 'evidence'] as const) {
        if (blank(i[field])) issues.push({ code: 'text_missing', item: i.id, field });
      }
    }
  }
  if (items.size > CHECKLIST_MAX_ITEMS) {
    issues.push({ code: 'checklist_too_large', max: CHECKLIST_MAX_ITEMS });
  }
  return issues;
}
