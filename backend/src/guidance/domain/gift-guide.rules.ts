/**
 * The default rules (version 1) of "Får jag ta emot detta?", questions 0–10 of domain.md §7.
 * Where §7 leaves a branch open, these rules decide (see the ADR notes in the helper report):
 * 5 no → 6; 6 (a relative) yes and no → 7, yes recorded as "treated as offered to you";
 * 8 yes → 9; 9 yes → 10; 10 no → A (insignificant, open, approved by the manager).
 * Administrators revise this as data; `validateGiftGuideRules` guards every new version.
 */
import type { GiftGuideRules } from './gift-guide';

export const DEFAULT_GIFT_GUIDE_RULES: GiftGuideRules = {
  version: 1,
  start: 'pengar',
  questions: [
    {
      id: 'pengar',
      number: 0,
      text: 'Är det pengar, presentkort, värdepapper, lån, rabatt eller efterskänkt skuld?',
      help: 'Pengar och sådant som lätt kan bli pengar får aldrig tas emot, oavsett belopp. Det gäller också rabatter som inte erbjuds alla anställda och lån på förmånliga villkor.',
      yes: { outcome: 'C', reason: 'Pengar och motsvarande får aldrig tas emot, oavsett belopp.' },
      no: { next: 'givaren_har_intresse' },
    },
    {
      id: 'givaren_har_intresse',
      number: 1,
      text: 'Har givaren ett pågående eller kommande ärende, tillstånd, tillsyn, upphandling, avtal eller faktura hos dig eller din enhet?',
      help: 'Tänk brett: även en kommande ansökan, en pågående upphandling eller en leverantör som fakturerar enheten räknas.',
      yes: {
        next: 'deltar_i_hanteringen',
        reason: 'Givaren har ett intresse hos dig eller din enhet.',
        flags: ['giver_has_interest'],
      },
      no: { next: 'mer_an_obetydligt_varde' },
    },
    {
      id: 'deltar_i_hanteringen',
      number: 2,
      text: 'Deltar du i beredning, beslut, kontroll, tillsyn, attest eller avtalsuppföljning som rör givaren?',
      help: 'Det räcker att du deltar i en del av hanteringen, till exempel bereder ett ärende, gör en kontroll eller attesterar en faktura.',
      yes: {
        outcome: 'C',
        reason:
          'Du deltar i hanteringen av något som rör givaren. En förmån kan påverka, eller uppfattas påverka, hur du sköter ditt arbete.',
      },
      no: {
        next: 'mer_an_obetydligt_varde',
        reason:
          'Du deltar inte själv i hanteringen, men givaren har ett intresse hos din enhet: var extra försiktig.',
        flags: ['heightened_caution'],
      },
    },
    {
      id: 'mer_an_obetydligt_varde',
      number: 3,
      text: 'Är värdet mer än obetydligt, eller är förmånen skattepliktig?',
      help: 'Obetydligt värde är till exempel en blombukett, en enklare bok eller en kopp kaffe. Det finns ingen fast beloppsgräns för mutbrott – det avgörande är om förmånen kan påverka dig i tjänsten.',
      yes: { outcome: 'C', reason: 'Förmånen har mer än obetydligt värde eller är skattepliktig.' },
      no: { next: 'resa_noje_evenemang' },
    },
    {
      id: 'resa_noje_evenemang',
      number: 4,
      text: 'Gäller det resa, logi, nöje, evenemang, alkohol eller en aktivitet för närstående?',
      help: 'Till exempel biljetter till konsert eller idrott, middag med underhållning, en resa som givaren betalar eller vin.',
      yes: {
        outcome: 'B',
        reason: 'Resor, logi, nöjen, evenemang och alkohol kräver att din chef tar ställning.',
      },
      no: { next: 'enklare_fortaring' },
    },
    {
      id: 'enklare_fortaring',
      number: 5,
      text: 'Är det enklare förtäring i direkt anslutning till ett arbetsmöte, eller ett seminarium med kvalificerat program?',
      help: 'Till exempel kaffe och smörgås under ett möte eller lunch under en konferens med kvalificerat innehåll – inte en middag eller en kvällsaktivitet.',
      yes: {
        outcome: 'A',
        reason:
          'Enklare förtäring vid ett arbetsmöte eller ett seminarium med kvalificerat program får tas emot.',
      },
      no: { next: 'erbjuds_narstaende' },
    },
    {
      id: 'erbjuds_narstaende',
      number: 6,
      text: 'Erbjuds förmånen någon som är närstående till dig?',
      help: 'En förmån till din partner, dina barn eller andra närstående bedöms som om den hade erbjudits dig.',
      yes: {
        next: 'aterkommande',
        reason: 'Förmånen erbjuds en närstående och bedöms som om den erbjudits dig.',
        flags: ['offered_to_relative'],
      },
      no: { next: 'aterkommande' },
    },
    {
      id: 'aterkommande',
      number: 7,
      text: 'Är det återkommande från samma givare?',
      help: 'Flera små förmåner från samma givare kan tillsammans bli otillbörliga.',
      yes: {
        outcome: 'B',
        reason: 'Återkommande förmåner från samma givare kräver att din chef tar ställning.',
      },
      no: { next: 'kan_beratta_oppet' },
    },
    {
      id: 'kan_beratta_oppet',
      number: 8,
      text: 'Kan du berätta öppet om förmånen för kollegor, din chef och media?',
      help: 'Om du tvekar att berätta om den är det ett tecken på att den inte bör tas emot.',
      yes: { next: 'chefen_godkanner' },
      no: { outcome: 'C', reason: 'Du skulle inte kunna berätta öppet om förmånen.' },
    },
    {
      id: 'chefen_godkanner',
      number: 9,
      text: 'Känner din chef till förmånen och godkänner den?',
      help: 'Fråga din chef innan du tar emot något som inte är självklart tillåtet.',
      yes: { next: 'kan_inte_tacka_nej' },
      no: { outcome: 'B', reason: 'Din chef behöver få veta och ta ställning.' },
    },
    {
      id: 'kan_inte_tacka_nej',
      number: 10,
      text: 'Går det inte att tacka nej av artighetsskäl?',
      help: 'Till exempel en gåva som överlämnas vid ett officiellt besök, där det vore ohövligt att avböja.',
      yes: {
        outcome: 'D',
        reason: 'Du kan inte tacka nej av artighetsskäl: ta emot gåvan för stadens räkning.',
      },
      no: {
        outcome: 'A',
        reason:
          'Förmånen har obetydligt värde, du kan berätta öppet om den och din chef godkänner den.',
      },
    },
  ],
  outcomes: {
    A: {
      title: 'Får tas emot',
      text: 'Du får ta emot förmånen. Var ändå uppmärksam om den upprepas eller om givarens förhållande till förvaltningen ändras.',
    },
    B: {
      title: 'Rådgör med chef och registrera i gåvoregistret',
      text: 'Tala med din chef innan du tar emot förmånen och registrera den i gåvoregistret. Chefen beslutar om den får tas emot, ska avböjas eller lämnas tillbaka.',
    },
    C: {
      title: 'Tacka nej och rapportera',
      text: 'Tacka vänligt men bestämt nej. Har givaren ett ärende, avtal eller annat intresse hos dig eller din enhet? Rapportera då erbjudandet i Värn som ett möjligt påverkansförsök.',
    },
    D: {
      title: 'Ta emot för stadens räkning',
      text: 'Ta emot gåvan för stadens räkning, registrera den i gåvoregistret och lämna den till förvaltningen. Gåvan tillhör staden, inte dig.',
    },
  },
};
