import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { abilityFor, type AppAbility } from '../core/authz/ability';
import type { AuthUser, Role, RoleScope } from '../core/authz/roles';
import { Clock } from '../core/clock/clock';
import { APP_CONFIG, AppConfig } from '../core/config/config';
import { Db } from '../core/database/db';
import { localDateOf } from '../core/domain/local-date';
import { luhnCheckDigit } from '../core/domain/luhn';
import { CaseVault } from '../cases/case-vault';
import type { CaseStatus, ClosingCode } from '../cases/domain/case-status';
import type { ReceiptCode } from '../cases/domain/receipt-code';
import { DEFAULT_RETENTION_POLICY } from '../cases/domain/retention';
import type { CaseActionType } from '../cases/domain/taxonomy';
import { CaseEntity } from '../cases/entities/case.entity';
import { CasesService } from '../cases/handling/cases.service';
import { IdentityRequestsService } from '../cases/identity/identity-requests.service';
import { PurgeService } from '../cases/lifecycle/purge.service';
import type { IntakeDto, PublicReportDto, WelfareDto } from '../cases/reports/dto/report.dto';
import { ReportsService } from '../cases/reports/reports.service';
import { OrgUnitEntity } from '../org/entities/org-unit.entity';
import { SupplierEntity } from '../suppliers/entities/supplier.entity';
import { RoleAssignmentEntity } from '../users/entities/role-assignment.entity';
import { UserEntity } from '../users/entities/user.entity';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * The demo's anonymous receipt code, printed in the demo banner and the README so that a visitor
 * can follow an anonymous report (Följ din rapport). A fixed code exists ONLY in demo data: real
 * codes come from `generateReceiptCode` and are never known to anyone but the reporter.
 */
export const DEMO_RECEIPT_CODE =
  `202600004711000${luhnCheckDigit('202600004711000')}` as ReceiptCode;

/** The demo's alternate handler: reports about the demo handler go to her. */
export const DEMO_ALTERNATE_HANDLER = 'helena.nordin';

/** A case created by the script, filled in when its report step has run. */
interface Ref {
  key: string;
  id?: string;
}

interface Step {
  at: Date;
  run: () => Promise<void>;
}

type ReportInput = Omit<PublicReportDto, 'unitId' | 'intake' | 'welfare'> & {
  unit: string;
  intake?: IntakeDto;
  welfare?: WelfareDto | null;
};

/**
 * Realistic Swedish demo reports and cases (issue 6), created through the real services — the
 * intake (`ReportsService`), case handling (`CasesService`), identity custody
 * (`IdentityRequestsService`) and the purge (`PurgeService`) — so that every case is sealed,
 * numbered, audited and notified exactly as in use.
 *
 * The cases cover every status and both tracks: new reports, overdue and nearly due legal
 * deadlines, an anonymous report whose receipt code is known (`DEMO_RECEIPT_CODE`) with a question
 * from the handler waiting for an answer, a confidential welfare-crime report with a PENDING
 * identity request for the demo custodian, a report about the demo handler routed to the
 * alternate handler, closed cases (two closed more than two years ago: due for purging today),
 * one under legal hold, and one already purged.
 *
 * The history spans three years. The services take the time only from the application's Clock,
 * so every step runs with the clock reading that step's moment (`at`), all steps in time order;
 * the application is not serving requests while the demo is seeded.
 */
@Injectable()
export class DemoCases {
  private readonly users = new Map<string, AuthUser>();
  private unitIdOf: (key: string) => string = () => {
    throw new Error('DemoCases.seed has not been called');
  };

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly vault: CaseVault,
    private readonly reports: ReportsService,
    private readonly cases: CasesService,
    private readonly identity: IdentityRequestsService,
    private readonly purge: PurgeService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Seeds the cases inside the demo seeder's transaction, after the organisation, the accounts and
   * the supplier register; `unitId` maps a demo unit key (demo-data.ts) to its id. Returns how
   * many cases were created.
   */
  async seed(now: Date, unitId: (key: string) => string): Promise<number> {
    if (this.config.env === 'production' || (!this.config.demo && this.config.env !== 'test'))
      throw new Error('Demo cases are only created in demo mode, never in production.');
    this.unitIdOf = unitId;
    await this.addAlternateHandler(now);
    const steps = this.script(now);
    // the order of the story: stable for steps at the same moment
    const ordered = steps.map((s, i) => ({ s, i })).sort((a, b) => +a.s.at - +b.s.at || a.i - b.i);
    for (const { s } of ordered) await this.at(s.at, s.run);
    return new Set(steps.map((s) => s.ref)).size;
  }

  // ------------------------------------------------------------------ the story

  private script(now: Date): Array<Step & { ref: Ref }> {
    const steps: Array<Step & { ref: Ref }> = [];
    /** `days` days (and `hours` hours) before now. */
    const ago = (days: number, hours = 0) => new Date(now.getTime() - days * DAY - hours * HOUR);
    /**
     * The local date of a moment `ago(d)`, taken 12 hours earlier: every step runs at `ago(d, h)`
     * with h < 12, so the date it records is never later than the day the step happens (at 01:00
     * local time `ago(27, 3)` is still day 28, and "day 27" would be refused as in the future).
     */
    const on = (date: Date) =>
      localDateOf(new Date(date.getTime() - 12 * HOUR), DEFAULT_RETENTION_POLICY.timeZone);
    const add = (ref: Ref, at: Date, run: () => Promise<void>) => steps.push({ ref, at, run });
    const handler = 'handlaggare';
    const alternate = DEMO_ALTERNATE_HANDLER;

    // 1. Anonymous threat at a vehicle removal, reported yesterday: new, nobody has looked yet.
    const flyttHot = { key: 'flytt-hot' };
    add(flyttHot, ago(1, 3), () =>
      this.reportAnonymously(flyttHot, {
        track: 'paverkan',
        category: 'hot',
        unit: 'flyttning',
        description:
          'Vid bortforslingen av en felparkerad bil på Industrigatan i går eftermiddag kom ägaren ut ' +
          'och skrek att han visste var jag bodde och att jag skulle "få se vad som händer". Han ' +
          'filmade mig och min kollega med mobilen och sa att filmen skulle läggas ut på nätet. Vi ' +
          'slutförde flyttningen. Ingen skadades, men jag har svårt att sova.',
        intake: {
          occurredOn: on(ago(2)),
          exposedFunction: 'parkeringsvakt_trafikovervakare',
          situation: 'forrattning_tillsyn_kontroll',
          perceivedPurpose: 'hamnd',
          influencerType: 'person_i_desperat_situation',
          repeated: false,
          wantsContact: true,
          acuteDanger: false,
        },
      }),
    );

    // 2. Anonymous bribery attempt at an excavation inspection (the demo receipt code):
    //    acknowledged, triaged; the handler's question waits for the reporter.
    const schaktMuta = { key: 'schakt-muta' };
    add(schaktMuta, ago(12, 5), () =>
      this.reportAnonymously(
        schaktMuta,
        {
          track: 'visselblasning',
          category: 'korruptionsforsok',
          unit: 'schakt',
          description:
            'Platschefen hos entreprenören som gräver för fjärrvärme på Storgatan erbjöd mig 5 000 ' +
            'kronor kontant om jag skrev under slutbesiktningen av återställningen fast asfalten inte ' +
            'är klar. Det hände vid besiktningen i tisdags, när vi var ensamma vid bilen. Han sa att ' +
            '"det brukar ordna sig med de andra inspektörerna också". Jag tackade nej och skrev inte ' +
            'under.',
          intake: {
            occurredOn: on(ago(14)),
            exposedFunction: 'inspektor_kontrollant',
            situation: 'forrattning_tillsyn_kontroll',
            perceivedPurpose: 'tvinga_fram_beslut',
            influencerType: 'lobbyist_annan',
            repeated: false,
            wantsContact: true,
            acuteDanger: false,
          },
        },
        DEMO_RECEIPT_CODE,
      ),
    );
    add(schaktMuta, ago(10, 2), () =>
      this.acknowledge(
        schaktMuta,
        handler,
        'Tack för din rapport. Vi har tagit emot den och en handläggare går nu igenom den. Du kan ' +
          'följa ärendet och svara på frågor med din kod.',
      ),
    );
    add(schaktMuta, ago(10, 1), () =>
      this.triage(schaktMuta, handler, {
        severity: [3, 4],
        assignee: handler,
        status: 'under_bedomning',
      }),
    );
    add(schaktMuta, ago(9, 4), () =>
      this.message(
        schaktMuta,
        handler,
        'Du skriver att platschefen sa att det "brukar ordna sig" med andra inspektörer. Vet du ' +
          'vilka besiktningar eller projekt han syftade på? Minns du ungefär vilken dag och tid det ' +
          'var? Svara här när du loggar in med din kod.',
      ),
    );

    // 3. Confidential welfare-crime report (invoiced cleaning of empty floors): investigation
    //    under way, feedback due soon, and a PENDING identity request for the demo custodian.
    const stadFaktura = { key: 'stad-faktura' };
    add(stadFaktura, ago(85, 6), () =>
      this.reportSignedIn(stadFaktura, 'patrik.wikstrom', 'confidential', {
        track: 'visselblasning',
        category: 'valfardsbrott',
        irregularityKind: 'felaktig_fakturering',
        unit: 'avtalsuppfoljning',
        description:
          'Vid avstämningen av lokalvårdsavtalet ser jag att Ängsbacka Städ fakturerar städning av ' +
          'plan 4–6 i förvaltningshuset varje vardag, men de våningarna har stått tomma under ' +
          'renoveringen sedan i våras. Fakturorna anger samma antal timmar som före renoveringen. ' +
          'Jag har kopior av leverantörens tidrapporter.',
        intake: { repeated: true, wantsContact: true, acuteDanger: false },
        welfare: {
          contractOrSupplier: 'Ängsbacka Städ AB – avtal om lokalvård i förvaltningshuset',
          periodFrom: on(ago(260)),
          periodTo: on(ago(90)),
          amountSek: 340000,
          noticedHow:
            'Jämförde fakturorna med passagesystemets loggar vid den kvartalsvisa avstämningen.',
        },
      }),
    );
    add(stadFaktura, ago(84, 3), () =>
      this.acknowledge(
        stadFaktura,
        handler,
        'Tack, vi har tagit emot din rapport och återkommer med information om vad som görs.',
      ),
    );
    add(stadFaktura, ago(84, 2), () =>
      this.triage(stadFaktura, handler, {
        severity: [4, 4],
        assignee: handler,
        status: 'utredning_pagar',
        supplier: 'Ängsbacka Städ AB',
      }),
    );
    add(stadFaktura, ago(70), () =>
      this.note(
        stadFaktura,
        handler,
        'Avtalscontrollern har begärt ut leverantörens tidrapporter för perioden. Väntar på svar.',
      ),
    );
    add(stadFaktura, ago(2, 3), () =>
      this.requestIdentity(
        stadFaktura,
        handler,
        'Rapportören verkar ha tillgång till tidrapporterna. Jag behöver höra rapportören om vilka ' +
          'underlag som finns och hur de kan säkras innan leverantören får kännedom om utredningen.',
      ),
    );

    // 4. The demo employee's own report: a bribe offered for cancelling a parking ticket;
    //    police report recorded, support talk, action decided.
    const pMuta = { key: 'p-muta' };
    add(pMuta, ago(30, 7), () =>
      this.reportSignedIn(pMuta, 'medarbetare', 'identified', {
        track: 'paverkan',
        category: 'korruptionsforsok',
        unit: 'p-overvakning',
        description:
          'En bilägare vid Järntorget erbjöd mig ett presentkort på 2 000 kronor om jag makulerade ' +
          'parkeringsanmärkningen jag just hade skrivit. När jag sa nej blev han arg och sa att han ' +
          'skulle anmäla mig för trakasserier. Registreringsnumret står i anmärkningen.',
        intake: {
          occurredOn: on(ago(31)),
          exposedFunction: 'parkeringsvakt_trafikovervakare',
          situation: 'forrattning_tillsyn_kontroll',
          perceivedPurpose: 'tvinga_fram_beslut',
          influencerType: 'person_i_desperat_situation',
          repeated: false,
          wantsContact: true,
          acuteDanger: false,
        },
      }),
    );
    add(pMuta, ago(29, 5), () =>
      this.triage(pMuta, handler, {
        severity: [3, 3],
        assignee: handler,
        status: 'under_bedomning',
      }),
    );
    add(pMuta, ago(29, 4), () =>
      this.message(
        pMuta,
        handler,
        'Tack för att du rapporterade. Ett mutförsök ska polisanmälas – vill du att vi gör det åt ' +
          'dig? Vi erbjuder också stödsamtal via företagshälsovården.',
      ),
    );
    add(pMuta, ago(28, 6), () =>
      this.reporterMessage(
        pMuta,
        'medarbetare',
        'Ja tack, gör gärna anmälan. Jag tar gärna ett stödsamtal också.',
      ),
    );
    add(pMuta, ago(27, 3), () =>
      this.action(pMuta, handler, 'polisanmalan', on(ago(27)), '5000-K812345-26'),
    );
    add(pMuta, ago(25, 3), () =>
      this.action(pMuta, handler, 'stodsamtal_foretagshalsovard', on(ago(25))),
    );
    add(pMuta, ago(25, 2), () => this.status(pMuta, handler, 'atgard_beslutad'));

    // 5. The demo employee's second report, three days old: not looked at yet.
    const pHangning = { key: 'p-hangning' };
    add(pHangning, ago(3, 2), () =>
      this.reportSignedIn(pHangning, 'medarbetare', 'identified', {
        track: 'paverkan',
        category: 'trakasserier',
        unit: 'p-overvakning',
        description:
          'Samma person har nu fyra dagar i rad väntat vid personalingången när mitt pass slutar ' +
          'och följt efter mig till bussen. Han säger inget, men filmar mig.',
        intake: {
          occurredOn: on(ago(3)),
          exposedFunction: 'parkeringsvakt_trafikovervakare',
          situation: 'pa_arbetsplatsen',
          perceivedPurpose: 'hamnd',
          repeated: true,
          wantsContact: true,
          acuteDanger: false,
        },
      }),
    );

    // 6. Anonymous whistleblowing about leaked inspection dates: not acknowledged, OVERDUE.
    const lacka = { key: 'lacka' };
    add(lacka, ago(10, 8), () =>
      this.reportAnonymously(lacka, {
        track: 'visselblasning',
        category: 'informationslackage',
        unit: 'tillstand',
        description:
          'Någon på enheten verkar tipsa en byggfirma om när vi ska göra oanmälda tillsynsbesök. De ' +
          'tre senaste gångerna har allt varit städat och avspärrat när vi kom, och firmans ' +
          'projektledare sa "välkomna, vi väntade er". Besöken planeras bara i vår gemensamma ' +
          'kalender.',
        intake: { repeated: true, wantsContact: false, acuteDanger: false },
      }),
    );

    // 7. Confidential report of an unapproved subcontractor: acknowledgement due tomorrow.
    const underlev = { key: 'underlev' };
    add(underlev, ago(6, 4), () =>
      this.reportSignedIn(underlev, 'amira.haddad', 'confidential', {
        track: 'visselblasning',
        category: 'valfardsbrott',
        irregularityKind: 'otillaten_underleverantor',
        unit: 'upph',
        description:
          'Vid ett platsbesök på vägbygget vid Norra länken arbetade ett tiotal personer från ett ' +
          'företag som varken finns med i anbudet eller bland de godkända underleverantörerna. De ' +
          'hade inga ID06-kort och kunde inte säga vem som var deras arbetsgivare.',
        intake: { occurredOn: on(ago(7)), repeated: false, wantsContact: true, acuteDanger: false },
        welfare: {
          contractOrSupplier: 'Vägverkstaden Syd AB – ramavtal för vägunderhåll',
          noticedHow: 'Platsbesök tillsammans med byggledaren.',
        },
      }),
    );
    add(underlev, ago(5, 6), () =>
      this.triage(underlev, handler, {
        severity: [3, 4],
        assignee: handler,
        supplier: 'Vägverkstaden Syd AB',
      }),
    );

    // 8. Gifts to a work supervisor: acknowledged in time, FEEDBACK OVERDUE.
    const gavor = { key: 'gavor' };
    add(gavor, ago(120, 5), () =>
      this.reportSignedIn(gavor, 'erik.andersson', 'identified', {
        track: 'visselblasning',
        category: 'gava_forman_fran_part',
        unit: 'gatudrift',
        description:
          'Min arbetsledare har flera gånger tagit emot middagar och en helgresa från entreprenören ' +
          'som sköter vinterväghållningen åt oss. Samma entreprenör har fått flera beställningar ' +
          'utan konkurrens under hösten.',
        intake: { repeated: true, wantsContact: true, acuteDanger: false },
      }),
    );
    add(gavor, ago(118, 4), () =>
      this.acknowledge(gavor, handler, 'Tack, vi har tagit emot din rapport.'),
    );
    add(gavor, ago(118, 3), () =>
      this.triage(gavor, handler, {
        severity: [3, 3],
        assignee: handler,
        status: 'utredning_pagar',
      }),
    );
    add(gavor, ago(100), () =>
      this.note(gavor, handler, 'Beställningarna hämtade ur ekonomisystemet; sju utan avrop.'),
    );

    // 9. A report about the demo handler: routed to the alternate handler, invisible to her.
    const jav = { key: 'jav' };
    add(jav, ago(20, 6), () =>
      this.reportSignedIn(
        jav,
        'anna.persson',
        'identified',
        {
          track: 'visselblasning',
          category: 'gava_forman_fran_part',
          unit: 'p-overvakning',
          description:
            'Handläggaren av våra rapporter har flera gånger ätit lunch med vd:n för bolaget som ' +
            'sköter bärgningen åt oss, och bolaget bjöd henne på en konsert i somras. Jag tycker ' +
            'inte att hon ska handlägga rapporter som rör det bolaget.',
          intake: { repeated: true, wantsContact: true, acuteDanger: false },
        },
        handler,
      ),
    );
    add(jav, ago(19, 5), () =>
      this.acknowledge(jav, alternate, 'Tack för din rapport. Den handläggs av mig som ersättare.'),
    );
    add(jav, ago(19, 4), () =>
      this.triage(jav, alternate, { severity: [2, 3], assignee: alternate }),
    );

    // 10. Harassment in social media: under assessment.
    const natet = { key: 'natet' };
    add(natet, ago(15, 7), () =>
      this.reportSignedIn(natet, 'fatima.ali', 'identified', {
        track: 'paverkan',
        category: 'trakasserier_sociala_medier',
        unit: 'p-overvakning',
        description:
          'Någon har lagt ut bilder på mig i uniform i en lokal Facebookgrupp med texten "här är ' +
          'parkeringshäxan, ge henne vad hon förtjänar". Inlägget har över 200 kommentarer och ' +
          'några skriver var jag brukar gå min runda.',
        intake: {
          occurredOn: on(ago(16)),
          exposedFunction: 'parkeringsvakt_trafikovervakare',
          situation: 'sociala_medier',
          perceivedPurpose: 'hamnd',
          influencerType: 'los_gruppering',
          repeated: false,
          wantsContact: true,
          acuteDanger: false,
        },
      }),
    );
    add(natet, ago(14, 6), () =>
      this.triage(natet, handler, {
        severity: [3, 3],
        assignee: handler,
        status: 'under_bedomning',
      }),
    );
    add(natet, ago(14, 5), () =>
      this.note(natet, handler, 'Skärmdumpar sparade. Kontakt tagen med säkerhetsfunktionen.'),
    );

    // 11. Invoicing fraud, feedback given five days ago: status återkoppling lämnad.
    const betal = { key: 'betal' };
    add(betal, ago(60, 6), () =>
      this.reportSignedIn(betal, 'ake.ostlund', 'confidential', {
        track: 'visselblasning',
        category: 'valfardsbrott',
        irregularityKind: 'betalningsbedrageri',
        unit: 'ekonomi',
        description:
          'Vi har fått en begäran om att byta bankgiro för en av våra leverantörer av ' +
          'fastighetsservice. Begäran kom från en adress som liknar leverantörens men inte är ' +
          'densamma, och två fakturor har redan betalats till det nya kontot.',
        intake: { repeated: false, wantsContact: true, acuteDanger: false },
        welfare: {
          contractOrSupplier: 'Fastighetsskötsel Mitt AB',
          amountSek: 86500,
          noticedHow: 'Leverantören ringde och frågade varför fakturorna inte var betalda.',
        },
      }),
    );
    add(betal, ago(59, 4), () =>
      this.acknowledge(betal, handler, 'Tack, vi har tagit emot din rapport.'),
    );
    add(betal, ago(59, 3), () =>
      this.triage(betal, handler, {
        severity: [4, 3],
        assignee: handler,
        status: 'utredning_pagar',
        supplier: 'Fastighetsskötsel Mitt AB',
      }),
    );
    add(betal, ago(58), () =>
      this.action(betal, handler, 'polisanmalan', on(ago(58)), '5000-K701122-26'),
    );
    add(betal, ago(5, 3), () =>
      this.giveFeedback(
        betal,
        handler,
        'Bankgirot är återställt och betalningarna har polisanmälts. Rutinen för byte av ' +
          'betalningsuppgifter har skärpts: ändringar bekräftas nu alltid per telefon.',
      ),
    );

    // 12. Vandalism of tow trucks: closed three months ago (purge date in 21 months).
    const depa = { key: 'depa' };
    add(depa, ago(150, 5), () =>
      this.reportSignedIn(depa, 'lina.karlsson', 'identified', {
        track: 'paverkan',
        category: 'skadegorelse',
        unit: 'flyttning',
        description:
          'Någon har skurit sönder däcken på två av våra bärgningsbilar under natten på depån vid ' +
          'Hamnvägen. Det är tredje gången i år. Staketet var uppklippt.',
        intake: { occurredOn: on(ago(151)), situation: 'pa_arbetsplatsen', repeated: true },
      }),
    );
    add(depa, ago(149, 4), () =>
      this.triage(depa, handler, {
        severity: [2, 2],
        assignee: handler,
        status: 'under_bedomning',
      }),
    );
    add(depa, ago(149, 3), () =>
      this.action(depa, handler, 'polisanmalan', on(ago(149)), '5000-K455661-26'),
    );
    add(depa, ago(95), () =>
      this.close(
        depa,
        handler,
        'atgardat',
        'Polisanmälan gjord. Nytt staket och kameror på depån.',
      ),
    );

    // 13. Leak suspicion about traffic planning, closed 14 months ago as unfounded.
    const trafik = { key: 'trafik' };
    add(trafik, ago(430, 5), () =>
      this.reportSignedIn(trafik, 'noah.larsson', 'identified', {
        track: 'visselblasning',
        category: 'informationslackage',
        unit: 'trafikplanering',
        description:
          'Ett förslag till ny trafikföring på Kungsgatan fanns i en lokaltidning innan det var ' +
          'klart för beslut. Jag misstänker att någon har lämnat ut det till en fastighetsägare.',
        intake: { repeated: false, wantsContact: true },
      }),
    );
    add(trafik, ago(428, 4), () =>
      this.acknowledge(trafik, handler, 'Tack, vi har tagit emot din rapport.'),
    );
    add(trafik, ago(428, 3), () =>
      this.triage(trafik, handler, {
        severity: [2, 2],
        assignee: handler,
        status: 'utredning_pagar',
      }),
    );
    add(trafik, ago(400, 5), () =>
      this.giveFeedback(
        trafik,
        handler,
        'Förslaget hade skickats på remiss till fastighetsägarna, så uppgifterna var redan ' +
          'utlämnade på ett korrekt sätt. Vi avslutar ärendet.',
      ),
    );
    add(trafik, ago(400, 4), () =>
      this.close(trafik, handler, 'ej_befogat', 'Uppgifterna var utlämnade genom remissen.'),
    );

    // 14. An anonymous threat handed over to the police, closed more than two years ago:
    //     DUE FOR PURGING today (the purge job takes it within a minute of the demo starting).
    const hotGammal = { key: 'hot-gammal' };
    add(hotGammal, ago(800, 6), () =>
      this.reportAnonymously(hotGammal, {
        track: 'paverkan',
        category: 'hot',
        unit: 'p-overvakning',
        description:
          'En man hotade att "ta reda på var du bor" när jag skrev en parkeringsanmärkning på ' +
          'hans firmabil utanför gallerian. Han tog kort på min tjänstelegitimation.',
        intake: { situation: 'forrattning_tillsyn_kontroll', acuteDanger: false },
      }),
    );
    add(hotGammal, ago(799, 4), () =>
      this.triage(hotGammal, handler, {
        severity: [3, 3],
        assignee: handler,
        status: 'under_bedomning',
      }),
    );
    add(hotGammal, ago(798), () =>
      this.action(hotGammal, handler, 'polisanmalan', on(ago(798)), '5000-K100234-24'),
    );
    add(hotGammal, ago(770), () =>
      this.close(hotGammal, handler, 'overlamnat_till_polis', 'Överlämnat till polisen.'),
    );

    // 15. Tax and social-security fraud by a contractor, closed more than two years ago and
    //     UNDER LEGAL HOLD: the trial is not over, so it is not purged.
    const ekobrott = { key: 'ekobrott' };
    add(ekobrott, ago(820, 6), () =>
      this.reportSignedIn(ekobrott, 'ingrid.olsson', 'confidential', {
        track: 'visselblasning',
        category: 'valfardsbrott',
        irregularityKind: 'skatte_och_avgiftsbrott',
        unit: 'schakt',
        description:
          'Arbetarna hos en underentreprenör på schaktarbetena berättar att de får halva lönen ' +
          'kontant och att de inte har några anställningsavtal. Företaget byter namn varje år.',
        intake: { repeated: true, wantsContact: true },
        welfare: {
          contractOrSupplier: 'Underentreprenör till Östgöta Grund AB',
          noticedHow: 'Samtal med arbetare på plats.',
        },
      }),
    );
    add(ekobrott, ago(819, 4), () =>
      this.acknowledge(ekobrott, handler, 'Tack, vi har tagit emot din rapport.'),
    );
    add(ekobrott, ago(819, 3), () =>
      this.triage(ekobrott, handler, {
        severity: [4, 5],
        assignee: handler,
        status: 'utredning_pagar',
      }),
    );
    add(ekobrott, ago(812), () =>
      this.action(ekobrott, handler, 'polisanmalan', on(ago(812)), '5000-K099871-24'),
    );
    add(ekobrott, ago(761, 4), () =>
      this.giveFeedback(ekobrott, handler, 'Ärendet har överlämnats till Ekobrottsmyndigheten.'),
    );
    add(ekobrott, ago(760), () =>
      this.close(ekobrott, handler, 'overlamnat_till_polis', 'Anmält till Ekobrottsmyndigheten.'),
    );
    add(ekobrott, ago(700), () =>
      this.legalHold(
        ekobrott,
        handler,
        'Förundersökning hos Ekobrottsmyndigheten; handlingarna bevaras tills domen har vunnit ' +
          'laga kraft.',
      ),
    );

    // 16. Unreasonable demands for documents, closed more than two years ago: DUE FOR PURGING.
    const krav = { key: 'krav' };
    add(krav, ago(900, 5), () =>
      this.reportSignedIn(krav, 'david.eriksson', 'identified', {
        track: 'paverkan',
        category: 'orimliga_krav',
        unit: 'tillstand',
        description:
          'En sökande har på en månad begärt ut över 300 handlingar och ringer flera gånger om ' +
          'dagen till handläggarna med krav på omedelbara svar.',
        intake: { perceivedPurpose: 'tvinga_fram_beslut', influencerType: 'querulant' },
      }),
    );
    add(krav, ago(899, 4), () =>
      this.triage(krav, handler, { severity: [2, 2], assignee: handler }),
    );
    add(krav, ago(880), () =>
      this.close(krav, handler, 'ej_hanterbart', 'Hanteras inom ordinarie rutin för utlämnande.'),
    );

    // 17. Harassment closed three years ago and purged a year ago by the purge job: a tombstone.
    const gallrad = { key: 'gallrad' };
    add(gallrad, ago(1200, 5), () =>
      this.reportSignedIn(gallrad, 'oskar.lund', 'identified', {
        track: 'paverkan',
        category: 'trakasserier',
        unit: 'p-tillstand',
        description:
          'En sökande som fick avslag på sitt parkeringstillstånd har skickat otrevliga mejl till ' +
          'mig varje dag i två veckor.',
        intake: { repeated: true },
      }),
    );
    add(gallrad, ago(1199, 4), () =>
      this.triage(gallrad, handler, { severity: [2, 2], assignee: handler }),
    );
    add(gallrad, ago(1150), () =>
      this.close(gallrad, handler, 'atgardat', 'Kontakten sköts nu av enhetschefen.'),
    );
    // a few days after its purge date (closing day + 24 months), as the daily job would
    add(gallrad, ago(1150 - 735), async () => {
      await this.purge.run({ via: 'job' });
    });

    return steps;
  }

  // ------------------------------------------------------------------ steps

  private async reportAnonymously(
    ref: Ref,
    input: ReportInput,
    fixedCode?: ReceiptCode,
  ): Promise<void> {
    const { receiptCode } = await this.reports.submitAnonymous(this.dto(input));
    const c = await this.db
      .repo(CaseEntity)
      .findOneByOrFail({ receiptHash: await this.vault.receiptHash(receiptCode as ReceiptCode) });
    ref.id = c.id;
    // demo only: replace the random code by the published one (the code itself is never stored)
    if (fixedCode)
      await this.db
        .repo(CaseEntity)
        .update({ id: c.id }, { receiptHash: await this.vault.receiptHash(fixedCode) });
  }

  private async reportSignedIn(
    ref: Ref,
    username: string,
    confidentiality: 'identified' | 'confidential',
    input: ReportInput,
    concerns?: string,
  ): Promise<void> {
    const dto = {
      ...this.dto(input),
      confidentiality,
      concernsHandlerId: concerns ? (await this.user(concerns)).id : null,
    };
    const created = await this.reports.submitSignedIn(dto, await this.user(username));
    ref.id = created.id;
  }

  private async triage(
    ref: Ref,
    by: string,
    t: {
      severity: [number, number];
      assignee?: string;
      status?: CaseStatus;
      supplier?: string;
    },
  ): Promise<void> {
    const actor = await this.user(by);
    const supplierId = t.supplier
      ? (await this.db.repo(SupplierEntity).findOneBy({ name: t.supplier }))?.id
      : undefined;
    await this.cases.update(
      this.idOf(ref),
      {
        version: await this.versionOf(ref),
        severity: { likelihood: t.severity[0], consequence: t.severity[1] },
        ...(t.assignee ? { assigneeId: (await this.user(t.assignee)).id } : {}),
        ...(t.status ? { status: t.status } : {}),
        ...(supplierId ? { supplierId } : {}),
      },
      this.abilityOf(actor),
      actor,
    );
  }

  private async status(ref: Ref, by: string, status: CaseStatus): Promise<void> {
    const actor = await this.user(by);
    await this.cases.update(
      this.idOf(ref),
      { version: await this.versionOf(ref), status },
      this.abilityOf(actor),
      actor,
    );
  }

  private async acknowledge(ref: Ref, by: string, body: string): Promise<void> {
    const actor = await this.user(by);
    await this.cases.acknowledge(
      this.idOf(ref),
      { mode: 'sent', body },
      this.abilityOf(actor),
      actor,
    );
  }

  private async giveFeedback(ref: Ref, by: string, body: string): Promise<void> {
    const actor = await this.user(by);
    await this.cases.feedback(this.idOf(ref), { mode: 'sent', body }, this.abilityOf(actor), actor);
  }

  private async message(ref: Ref, by: string, body: string): Promise<void> {
    const actor = await this.user(by);
    await this.cases.sendMessage(this.idOf(ref), body, this.abilityOf(actor), actor);
  }

  private async note(ref: Ref, by: string, body: string): Promise<void> {
    const actor = await this.user(by);
    await this.cases.addNote(this.idOf(ref), body, this.abilityOf(actor), actor);
  }

  private async reporterMessage(ref: Ref, username: string, body: string): Promise<void> {
    await this.reports.addMyMessage(this.idOf(ref), body, await this.user(username));
  }

  private async action(
    ref: Ref,
    by: string,
    type: CaseActionType,
    occurredOn: string,
    reference?: string,
  ): Promise<void> {
    const actor = await this.user(by);
    await this.cases.recordAction(
      this.idOf(ref),
      { type, occurredOn, ...(reference ? { reference } : {}) },
      this.abilityOf(actor),
      actor,
    );
  }

  private async close(
    ref: Ref,
    by: string,
    closingCode: ClosingCode,
    summary: string,
  ): Promise<void> {
    const actor = await this.user(by);
    await this.cases.close(this.idOf(ref), { closingCode, summary }, this.abilityOf(actor), actor);
  }

  private async legalHold(ref: Ref, by: string, reason: string): Promise<void> {
    const actor = await this.user(by);
    await this.cases.setLegalHold(
      this.idOf(ref),
      { hold: true, reason },
      this.abilityOf(actor),
      actor,
    );
  }

  private async requestIdentity(ref: Ref, by: string, motivation: string): Promise<void> {
    const actor = await this.user(by);
    await this.identity.create(this.idOf(ref), { motivation }, actor, this.abilityOf(actor));
  }

  // ------------------------------------------------------------------ helpers

  /** Runs `fn` with the application's clock reading `at`. */
  private async at(at: Date, fn: () => Promise<void>): Promise<void> {
    const frozen = at.getTime();
    Object.defineProperty(this.clock, 'now', {
      value: () => new Date(frozen),
      configurable: true,
      writable: true,
    });
    try {
      await fn();
    } finally {
      // the prototype's `now` (the real clock) shows through again
      delete (this.clock as { now?: unknown }).now;
    }
  }

  private dto(input: ReportInput): PublicReportDto {
    const { unit, ...rest } = input;
    return { ...rest, unitId: this.unitIdOf(unit) };
  }

  private idOf(ref: Ref): string {
    if (!ref.id) throw new Error(`Demo case ${ref.key} has not been reported yet`);
    return ref.id;
  }

  private async versionOf(ref: Ref): Promise<number> {
    return (await this.db.repo(CaseEntity).findOneByOrFail({ id: this.idOf(ref) })).version;
  }

  private abilityOf(user: AuthUser): AppAbility {
    return abilityFor(user);
  }

  /** A demo user as the services see a signed-in person (roles with their scopes' paths). */
  private async user(username: string): Promise<AuthUser> {
    const cached = this.users.get(username);
    if (cached) return cached;
    const u = await this.db.repo(UserEntity).findOneByOrFail({ username });
    const rows = await this.db
      .repo(RoleAssignmentEntity)
      .createQueryBuilder('ra')
      .innerJoin(OrgUnitEntity, 'unit', 'unit.id = ra."unitId"')
      .select(['ra.id AS id', 'ra.role AS role', 'ra."unitId" AS "unitId"', 'unit.path AS path'])
      .where('ra."userId" = :id', { id: u.id })
      .getRawMany<{ id: string; role: Role; unitId: string; path: string }>();
    const roles: RoleScope[] = rows.map((r) => ({
      assignmentId: r.id,
      role: r.role,
      unitId: r.unitId,
      unitPath: r.path,
    }));
    const user: AuthUser = {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      unitId: u.unitId,
      mustChangePassword: false,
      roles,
      sessionId: 'demo-seed',
      sessionExpiresAt: new Date(8.64e15),
    };
    this.users.set(username, user);
    return user;
  }

  /** The alternate handler (a colleague in HR, no password) to whom reports about Karin go. */
  private async addAlternateHandler(now: Date): Promise<void> {
    const u = await this.db.repo(UserEntity).findOneByOrFail({ username: DEMO_ALTERNATE_HANDLER });
    await this.db.repo(RoleAssignmentEntity).insert({
      id: randomUUID(),
      userId: u.id,
      role: 'handlaggare',
      unitId: this.unitIdOf('root'),
      createdAt: now,
      createdBy: null,
    });
  }
}
