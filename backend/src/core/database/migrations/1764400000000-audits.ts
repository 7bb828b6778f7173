import { randomUUID } from 'node:crypto';
import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { cols, fk, ix } from './column-types';

/**
 * The default checklist as it was when this migration was written (domain.md §5, 28 items A–H; a
 * copy of DEFAULT_CHECKLIST_TEMPLATE, not an import: a migration must give the same version 1
 * whenever it runs, even after the domain default changes — audits.int-spec compares the two).
 */
export const DEFAULT_CHECKLIST_V1 = {
  key: 'avtalsuppfoljning-standard',
  version: 1,
  title: 'Checklista för avtalsuppföljning',
  sections: [
    {
      code: 'A',
      title: 'Leverantörens identitet och företrädare',
      items: [
        {
          id: 'A1',
          number: 1,
          text: 'Organisationsnummer, firma och status',
          guidance:
            'Kontrollera att organisationsnummer och firmanamn stämmer med avtalet och att bolaget är aktivt (inte i konkurs eller likvidation). Notera datum för utdraget.',
          evidence: 'Registreringsbevis eller utdrag från Bolagsverket, med datum.',
        },
        {
          id: 'A2',
          number: 2,
          text: 'Verklig huvudman är registrerad och rimlig',
          guidance:
            'Kontrollera att verklig huvudman är registrerad och att uppgiften är rimlig mot ägare och företrädare. Oklar verklig huvudman är en tung varningssignal och kräver fördjupad kontroll.',
          evidence: 'Utdrag ur registret över verkliga huvudmän, med datum.',
        },
        {
          id: 'A3',
          number: 3,
          text: 'Styrelse- och företrädarbyten de senaste 12–24 månaderna',
          guidance:
            'Gå igenom ändringshistoriken. Täta byten, nya företrädare med samordningsnummer eller tecken på målvakt kräver fördjupad kontroll.',
          evidence: 'Ändringshistorik från Bolagsverket eller kreditupplysning.',
        },
        {
          id: 'A4',
          number: 4,
          text: 'Adress och verksamhetslokal är verifierade',
          guidance:
            'Kontrollera att adressen inte är en box-, c/o- eller känd problemadress och att det finns en verklig verksamhetslokal. Besök platsen vid behov.',
          evidence: 'Adress enligt registerutdrag; anteckning eller foto från platsbesök.',
        },
        {
          id: 'A5',
          number: 5,
          text: 'Varningslistor och domar',
          guidance:
            'Sök på leverantören och dess företrädare i tillgängliga varningslistor och domstolsavgöranden, och stäm av med förvaltningens egna erfarenheter.',
          evidence: 'Sökresultat med källa och datum.',
        },
        {
          id: 'A6',
          number: 6,
          text: 'Sanningsförsäkran och uteslutningsgrunder är aktuella',
          guidance:
            'Kontrollera att ingen uteslutningsgrund föreligger (till exempel brott eller obetalda skatter och avgifter) och att sanningsförsäkran är aktuell. Uteslutningsgrunderna prövas under hela avtalstiden, inte bara vid tilldelning.',
          evidence:
            'Aktuell sanningsförsäkran och dokumenterad kontroll av uteslutningsgrunder, med datum.',
        },
      ],
    },
    {
      code: 'B',
      title: 'Skatter, avgifter och registreringar',
      items: [
        {
          id: 'B7',
          number: 7,
          text: 'F-skatt, moms- och arbetsgivarregistrering',
          guidance:
            'Kontrollera hos Skatteverket att leverantören har F-skatt och är registrerad för moms och som arbetsgivare.',
          evidence: 'Kontrollsvar eller utdrag från Skatteverket, med datum.',
        },
        {
          id: 'B8',
          number: 8,
          text: 'Skatteskulder hos Kronofogden',
          guidance:
            'Kontrollera om leverantören har skulder hos Kronofogden. Skulder är en tung varningssignal och kräver fördjupad kontroll.',
          evidence: 'Kontrollsvar från Kronofogden eller kreditupplysning, med datum.',
        },
        {
          id: 'B9',
          number: 9,
          text: 'Skattekontoutdrag och inbetalda arbetsgivaravgifter de senaste tre månaderna',
          guidance:
            'Begär skattekontoutdrag och stäm av att arbetsgivaravgifter och avdragen skatt har redovisats och betalats för de tre senaste månaderna.',
          evidence: 'Skattekontoutdrag för de tre senaste månaderna.',
        },
        {
          id: 'B10',
          number: 10,
          text: 'Antalet anställda är rimligt i förhållande till leveransen',
          guidance:
            'Bedöm om antalet anställda och redovisade lönesummor räcker för den volym som levereras. Få anställda mot en stor leverans kan tyda på svart arbetskraft eller oanmälda underleverantörer.',
          evidence: 'Uppgift om antal anställda och lönesumma; egen rimlighetsberäkning.',
        },
      ],
    },
    {
      code: 'C',
      title: 'Underleverantörer och kedjor',
      items: [
        {
          id: 'C11',
          number: 11,
          text: 'Alla underleverantörer är anmälda och godkända',
          guidance:
            'Jämför de företag som syns på plats och i fakturor med de underleverantörer som är anmälda och godkända enligt avtalet.',
          evidence: 'Förteckning över anmälda underleverantörer och beslut om godkännande.',
        },
        {
          id: 'C12',
          number: 12,
          text: 'Antal led i kedjan',
          guidance: 'Kontrollera att kedjan inte har fler led än avtalet tillåter.',
          evidence: 'Kedjeförteckning med led för varje underleverantör.',
        },
        {
          id: 'C13',
          number: 13,
          text: 'Kontroller är genomförda i alla led',
          guidance:
            'Kontrollera att kontrollerna i avsnitt A och B har gjorts även för underleverantörerna, i alla led.',
          evidence: 'Kontrollresultat per underleverantör.',
        },
      ],
    },
    {
      code: 'D',
      title: 'Personal och arbetsvillkor',
      items: [
        {
          id: 'D14',
          number: 14,
          text: 'Personalförteckning',
          guidance:
            'Begär personalförteckning för uppdraget och stäm av den mot de personer som arbetar på plats.',
          evidence: 'Personalförteckning med datum.',
        },
        {
          id: 'D15',
          number: 15,
          text: 'ID-kort och stickprov på arbetsplatsen',
          guidance:
            'Gör oanmälda stickprov: kontrollera ID06 eller motsvarande och att personerna finns i personalförteckningen.',
          evidence:
            'Protokoll från stickprovet med datum, antal kontrollerade personer och avvikelser.',
        },
        {
          id: 'D16',
          number: 16,
          text: 'Arbetsrättsliga villkor (lön, arbetstid, försäkringar)',
          guidance:
            'Kontrollera i stickprov att lön, arbetstid och försäkringar minst motsvarar avtalets krav, till exempel kollektivavtalsnivå.',
          evidence: 'Lönespecifikationer, tidrapporter och försäkringsbevis för stickprovet.',
        },
        {
          id: 'D17',
          number: 17,
          text: 'Arbetsmiljö och boende',
          guidance:
            'Kontrollera arbetsmiljön på plats och, om leverantören ordnar boende åt personalen, att boendet är skäligt.',
          evidence: 'Anteckningar eller foton från besöket; leverantörens arbetsmiljöplan.',
        },
        {
          id: 'D18',
          number: 18,
          text: 'Utstationerade arbetstagare',
          guidance:
            'Om leverantören använder utstationerade arbetstagare: kontrollera att utstationeringen är anmäld till Arbetsmiljöverket och att det finns en kontaktperson.',
          evidence: 'Kvittens på anmälan om utstationering.',
        },
      ],
    },
    {
      code: 'E',
      title: 'Leverans, kvalitet och kvantitet',
      items: [
        {
          id: 'E19',
          number: 19,
          text: 'Levererad volym och kvalitet mot avtal',
          guidance:
            'Stäm av levererad volym och kvalitet mot avtal och beställningar, helst genom egen kontroll på plats.',
          evidence: 'Leveransrapporter, egna mätningar eller besiktningsprotokoll.',
        },
        {
          id: 'E20',
          number: 20,
          text: 'Avvikelser och reklamationer',
          guidance:
            'Gå igenom avvikelser och reklamationer sedan förra uppföljningen och hur leverantören har hanterat dem.',
          evidence: 'Avvikelselogg, reklamationer och leverantörens svar.',
        },
        {
          id: 'E21',
          number: 21,
          text: 'Uppföljningsmöten enligt prioriteringsnivå',
          guidance:
            'Kontrollera att uppföljningsmöten har hållits så ofta som avtalets klass kräver: A tre gånger per år, B en gång per år, C vartannat år.',
          evidence: 'Mötesanteckningar med datum.',
        },
      ],
    },
    {
      code: 'F',
      title: 'Fakturor och betalningar',
      items: [
        {
          id: 'F22',
          number: 22,
          text: 'Fakturaspecifikation mot avtal och prislista',
          guidance:
            'Granska fakturor i stickprov: specifikation, priser och mängder ska stämma mot avtal, prislista och beställning.',
          evidence: 'Granskade fakturor med anteckningar.',
        },
        {
          id: 'F23',
          number: 23,
          text: 'Ändrade bank- och bankgirouppgifter är verifierade via annan kanal',
          guidance:
            'Kontrollera att varje ändring av betalningsuppgifter har bekräftats via en annan kanal än den ändringen kom genom, till exempel telefon till ett sedan tidigare känt nummer.',
          evidence: 'Logg över ändringar med sätt att verifiera, datum och vem som verifierade.',
        },
        {
          id: 'F24',
          number: 24,
          text: 'Ändringar i leverantörsregistrets fasta data är loggade och granskade',
          guidance:
            'Kontrollera att ändringar av leverantörens fasta uppgifter i leverantörsregistret loggas och granskas av någon annan än den som gjorde ändringen.',
          evidence: 'Ändringslogg från ekonomisystemet och anteckning om granskningen.',
        },
        {
          id: 'F25',
          number: 25,
          text: 'Attest och behörighet (två personer)',
          guidance:
            'Kontrollera att fakturorna är attesterade av behöriga personer enligt attestordningen och att två personer har medverkat.',
          evidence: 'Attestlogg för de granskade fakturorna och gällande attestordning.',
        },
      ],
    },
    {
      code: 'G',
      title: 'Avtalsvillkor, sanktioner och dokumentation',
      items: [
        {
          id: 'G26',
          number: 26,
          text: 'Avtalet innehåller kontroll-, hävnings- och sanktionsvillkor',
          guidance:
            'Kontrollera att avtalet ger rätt att granska leverantören och dess underleverantörer och innehåller vite och rätt att häva avtalet vid brister.',
          evidence: 'Hänvisning till avtalets villkor (punkt och sida).',
        },
        {
          id: 'G27',
          number: 27,
          text: 'Åtgärd vid avvikelse är beslutad och dokumenterad',
          guidance:
            'Kontrollera att varje avvikelse har lett till en beslutad åtgärd (varning, vite, hävning, anmälan till Ekobrottsmyndigheten, polisen eller Skatteverket) och att beslutsfattaren framgår.',
          evidence: 'Beslut med beslutsfattare och datum.',
        },
      ],
    },
    {
      code: 'H',
      title: 'Jäv och otillåten påverkan i avtalsförvaltningen',
      items: [
        {
          id: 'H28',
          number: 28,
          text: 'Jävsdeklarationer och påverkansförsök från leverantören',
          guidance:
            'Kontrollera att alla tjänstepersoner som deltar i uppföljningen har en aktuell jävsdeklaration, och att påverkansförsök från leverantören (erbjudanden, gåvor, påtryckningar, hot) är rapporterade i Värn.',
          evidence: 'Aktuella jävsdeklarationer; hänvisning till rapporter om påverkansförsök.',
        },
      ],
    },
  ],
};

/**
 * Contract follow-up audits (issue 8): versioned checklist templates (the default one inserted
 * here, so every installation has it), audits of a contract with one answer row per template item
 * (its own `version` for optimistic concurrency), sign-offs, findings with corrective actions,
 * evidence files on answers (content encrypted in `files`) and the bare record that an influence
 * report was made from an item. An audit's unit is its contract's responsible unit (no copy here).
 */
export class Audits1764400000000 implements MigrationInterface {
  name = 'Audits1764400000000';

  async up(qr: QueryRunner): Promise<void> {
    const c = cols(qr);
    await qr.createTable(
      new Table({
        name: 'checklist_templates',
        columns: [
          c.id(),
          c.str('key', 80),
          c.int('version'),
          c.str('title', 200),
          c.str('status', 10),
          c.text('sections'),
          c.int('itemCount'),
          c.time('createdAt'),
          c.ref('createdBy', true),
        ],
        indices: [ix('ux_checklist_templates_key_version', ['key', 'version'], true)],
        foreignKeys: [fk('fk_checklist_templates_creator', 'createdBy', 'users')],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'contract_audits',
        columns: [
          c.id(),
          c.ref('contractId'),
          c.ref('templateId'),
          c.str('kind', 10),
          c.str('status', 10),
          c.time('startedAt'),
          c.ref('startedBy'),
          c.str('completedOn', 10, true),
          c.time('signedAt', true),
          c.int('version'),
          c.time('updatedAt'),
        ],
        indices: [
          ix('ix_contract_audits_contract', ['contractId', 'startedAt', 'id']),
          ix('ix_contract_audits_completed', ['contractId', 'completedOn']),
          ix('ix_contract_audits_status', ['status', 'startedAt', 'id']),
          ix('ix_contract_audits_started', ['startedAt', 'id']),
          ix('ix_contract_audits_template', ['templateId']),
        ],
        foreignKeys: [
          fk('fk_contract_audits_contract', 'contractId', 'contracts'),
          fk('fk_contract_audits_template', 'templateId', 'checklist_templates'),
          fk('fk_contract_audits_starter', 'startedBy', 'users'),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'audit_answers',
        columns: [
          c.id(),
          c.ref('auditId'),
          c.str('itemId', 16),
          c.str('answer', 20, true),
          c.text('note'),
          c.str('checkedOn', 10, true),
          c.int('version'),
          c.time('updatedAt'),
          c.ref('updatedBy', true),
        ],
        indices: [ix('ux_audit_answers_item', ['auditId', 'itemId'], true)],
        foreignKeys: [
          fk('fk_audit_answers_audit', 'auditId', 'contract_audits', true),
          fk('fk_audit_answers_user', 'updatedBy', 'users'),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'audit_sign_offs',
        columns: [c.id(), c.ref('auditId'), c.str('role', 20), c.ref('userId'), c.time('signedAt')],
        indices: [ix('ux_audit_sign_offs_role', ['auditId', 'role'], true)],
        foreignKeys: [
          fk('fk_audit_sign_offs_audit', 'auditId', 'contract_audits', true),
          fk('fk_audit_sign_offs_user', 'userId', 'users'),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'audit_findings',
        columns: [
          c.id(),
          c.ref('auditId'),
          c.str('itemId', 16),
          c.str('severity', 20),
          c.text('description'),
          c.text('evidence', true),
          c.str('status', 10),
          c.ref('riskId', true),
          c.time('createdAt'),
          c.ref('createdBy'),
          c.time('closedAt', true),
          c.time('updatedAt'),
          c.int('version'),
        ],
        indices: [
          ix('ix_audit_findings_audit', ['auditId', 'status']),
          ix('ix_audit_findings_status', ['status', 'createdAt', 'id']),
          ix('ix_audit_findings_risk', ['riskId']),
        ],
        foreignKeys: [
          fk('fk_audit_findings_audit', 'auditId', 'contract_audits', true),
          fk('fk_audit_findings_creator', 'createdBy', 'users'),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'audit_corrective_actions',
        columns: [
          c.id(),
          c.ref('findingId'),
          c.str('title', 300),
          c.ref('ownerId'),
          c.str('dueDate', 10),
          c.str('status', 12),
          c.text('supplierResponse', true),
          c.str('decision', 30, true),
          c.str('decisionBy', 200, true),
          c.str('decidedOn', 10, true),
          c.time('verifiedAt', true),
          c.ref('verifiedBy', true),
          c.time('createdAt'),
          c.ref('createdBy'),
          c.time('updatedAt'),
          c.int('version'),
        ],
        indices: [
          ix('ix_audit_actions_finding', ['findingId', 'dueDate']),
          ix('ix_audit_actions_owner', ['ownerId', 'dueDate']),
          ix('ix_audit_actions_due', ['status', 'dueDate', 'id']),
        ],
        foreignKeys: [
          fk('fk_audit_actions_finding', 'findingId', 'audit_findings', true),
          fk('fk_audit_actions_owner', 'ownerId', 'users'),
          fk('fk_audit_actions_verifier', 'verifiedBy', 'users'),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'audit_answer_files',
        columns: [
          c.id('fileId'),
          c.ref('auditId'),
          c.str('itemId', 16),
          c.time('createdAt'),
          c.ref('createdBy'),
        ],
        indices: [ix('ix_audit_answer_files_item', ['auditId', 'itemId', 'createdAt'])],
        foreignKeys: [
          fk('fk_audit_answer_files_file', 'fileId', 'files', true),
          fk('fk_audit_answer_files_audit', 'auditId', 'contract_audits', true),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'audit_influence_reports',
        columns: [
          c.id(),
          c.ref('auditId'),
          c.str('itemId', 16),
          c.time('recordedAt'),
          c.ref('recordedBy'),
        ],
        indices: [ix('ix_audit_influence_reports_audit', ['auditId', 'recordedAt'])],
        foreignKeys: [fk('fk_audit_influence_reports_audit', 'auditId', 'contract_audits', true)],
      }),
    );
    await qr.manager
      .createQueryBuilder()
      .insert()
      .into('checklist_templates')
      .values({
        id: randomUUID(),
        key: DEFAULT_CHECKLIST_V1.key,
        version: DEFAULT_CHECKLIST_V1.version,
        title: DEFAULT_CHECKLIST_V1.title,
        status: 'published',
        sections: JSON.stringify(DEFAULT_CHECKLIST_V1.sections),
        itemCount: DEFAULT_CHECKLIST_V1.sections.reduce((n, s) => n + s.items.length, 0),
        createdAt: new Date(),
        createdBy: null,
      })
      .execute();
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const table of [
      'audit_influence_reports',
      'audit_answer_files',
      'audit_corrective_actions',
      'audit_findings',
      'audit_sign_offs',
      'audit_answers',
      'contract_audits',
      'checklist_templates',
    ])
      await qr.dropTable(table);
  }
}
