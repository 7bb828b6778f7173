import type { Role } from '../core/authz/roles';
import type { UnitKind } from '../org/entities/org-unit.entity';

export const DEMO_PASSWORD = 'varn-demo-2026';

export interface DemoUnit {
  key: string;
  name: string;
  kind: UnitKind;
  children?: DemoUnit[];
}

/** A city traffic administration (domain.md: the model customer). */
export const DEMO_ORG: DemoUnit = {
  key: 'root',
  name: 'Trafikförvaltningen',
  kind: 'forvaltning',
  children: [
    {
      key: 'trafik',
      name: 'Trafik och gata',
      kind: 'avdelning',
      children: [
        { key: 'gatudrift', name: 'Gatudrift', kind: 'enhet' },
        { key: 'trafikplanering', name: 'Trafikplanering', kind: 'enhet' },
        { key: 'tillstand', name: 'Tillstånd och tillsyn', kind: 'enhet' },
        { key: 'schakt', name: 'Schakt och gatuarbeten', kind: 'enhet' },
      ],
    },
    {
      key: 'stadsmiljo',
      name: 'Stadsmiljö',
      kind: 'avdelning',
      children: [
        { key: 'stadsmiljoplanering', name: 'Stadsmiljöplanering', kind: 'enhet' },
        { key: 'renhallning', name: 'Renhållning', kind: 'enhet' },
        { key: 'vinter', name: 'Vinterväghållning', kind: 'enhet' },
      ],
    },
    {
      key: 'parkering',
      name: 'Parkering och trafikövervakning',
      kind: 'avdelning',
      children: [
        { key: 'p-overvakning', name: 'Parkeringsövervakning', kind: 'enhet' },
        { key: 'p-tillstand', name: 'Parkeringstillstånd', kind: 'enhet' },
        { key: 'flyttning', name: 'Flyttning av fordon', kind: 'enhet' },
      ],
    },
    {
      key: 'upphandling',
      name: 'Upphandling och avtal',
      kind: 'avdelning',
      children: [
        { key: 'upph', name: 'Upphandling', kind: 'enhet' },
        { key: 'avtalsuppfoljning', name: 'Avtalsuppföljning', kind: 'enhet' },
      ],
    },
    {
      key: 'stab',
      name: 'Stab',
      kind: 'avdelning',
      children: [
        { key: 'hr', name: 'HR', kind: 'enhet' },
        { key: 'ekonomi', name: 'Ekonomi', kind: 'enhet' },
        { key: 'sakerhet', name: 'Säkerhet och beredskap', kind: 'enhet' },
        { key: 'juridik', name: 'Juridik och registratur', kind: 'enhet' },
        { key: 'it', name: 'Digitalisering och IT', kind: 'enhet' },
      ],
    },
  ],
};

export interface DemoAccount {
  username: string;
  displayName: string;
  unit: string;
  roles: Array<[Role, string]>;
}

/** One sign-in account per role (README lists them). */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    username: 'admin',
    displayName: 'Maria Lindqvist',
    unit: 'it',
    roles: [['administrator', 'root']],
  },
  {
    username: 'medarbetare',
    displayName: 'Ahmed Hassan',
    unit: 'p-overvakning',
    roles: [['medarbetare', 'p-overvakning']],
  },
  {
    username: 'handlaggare',
    displayName: 'Karin Sjöberg',
    unit: 'sakerhet',
    roles: [['handlaggare', 'root']],
  },
  {
    username: 'identitet',
    displayName: 'Lars Ekström',
    unit: 'juridik',
    roles: [['identitetsansvarig', 'root']],
  },
  {
    username: 'controller',
    displayName: 'Sofia Nilsson',
    unit: 'avtalsuppfoljning',
    roles: [['avtalscontroller', 'upphandling']],
  },
  {
    username: 'chef',
    displayName: 'Johan Berg',
    unit: 'parkering',
    roles: [['chef', 'parkering']],
  },
  {
    username: 'revisor',
    displayName: 'Eva Holm',
    unit: 'ekonomi',
    roles: [['internrevisor', 'root']],
  },
];

/** Colleagues without a password (they cannot sign in): they make lists and scopes realistic. */
export const DEMO_STAFF: Array<[string, string, string]> = [
  ['anna.persson', 'Anna Persson', 'p-overvakning'],
  ['mikael.johansson', 'Mikael Johansson', 'p-overvakning'],
  ['fatima.ali', 'Fatima Ali', 'p-overvakning'],
  ['oskar.lund', 'Oskar Lund', 'p-tillstand'],
  ['lina.karlsson', 'Lina Karlsson', 'flyttning'],
  ['erik.andersson', 'Erik Andersson', 'gatudrift'],
  ['sara.gustafsson', 'Sara Gustafsson', 'tillstand'],
  ['david.eriksson', 'David Eriksson', 'tillstand'],
  ['ingrid.olsson', 'Ingrid Olsson', 'schakt'],
  ['noah.larsson', 'Noah Larsson', 'trafikplanering'],
  ['elin.svensson', 'Elin Svensson', 'renhallning'],
  ['jonas.mattsson', 'Jonas Mattsson', 'vinter'],
  ['amira.haddad', 'Amira Haddad', 'upph'],
  ['patrik.wikstrom', 'Patrik Wikström', 'avtalsuppfoljning'],
  ['helena.nordin', 'Helena Nordin', 'hr'],
  ['ake.ostlund', 'Åke Östlund', 'ekonomi'],
  ['ulrika.hedlund', 'Ulrika Hedlund', 'stadsmiljoplanering'],
];
