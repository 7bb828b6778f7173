/**
 * The risk matrix as data (domain.md §6): scales for sannolikhet (likelihood) and konsekvens
 * (consequence), four bands with colour, guidance and review interval, and an explicit band per
 * cell. An administrator may replace it (e.g. a 4×4 scale); `validateRiskMatrix` guards a save.
 */

/** Risk classes from lowest to highest; the order is the rank. */
export const RISK_BANDS = ['lag', 'medel', 'hog', 'mycket_hog'] as const;
export type RiskBand = (typeof RISK_BANDS)[number];

/** 0 for lag … 3 for mycket_hog. */
export function bandRank(band: RiskBand): number {
  return RISK_BANDS.indexOf(band);
}

/** Narrows an untrusted value to a band. */
export function isRiskBand(value: unknown): value is RiskBand {
  return typeof value === 'string' && (RISK_BANDS as readonly string[]).includes(value);
}

export interface ScaleLevel {
  level: number;
  label: string;
  description: string;
}

export interface BandDefinition {
  band: RiskBand;
  label: string;
  /** `#rrggbb`; never the only signal — the label is always shown with it. */
  colour: string;
  colourName: string;
  /** What the band asks for ("Acceptera, övervaka" …). */
  guidance: string;
  /** Days until the next review after an assessment in this band. */
  reviewIntervalDays: number;
}

export interface RiskMatrix {
  /** Levels 1…n in ascending order (2 ≤ n ≤ 10). */
  likelihood: ScaleLevel[];
  /** Levels 1…m in ascending order (2 ≤ m ≤ 10). */
  consequence: ScaleLevel[];
  /** Exactly one definition per band. */
  bands: BandDefinition[];
  /** `cells[likelihood - 1][consequence - 1]`. */
  cells: RiskBand[][];
  /** The highest consequence is never below this band (default: medel — "never below gul"). */
  maxConsequenceFloor: RiskBand;
}

const BANDS_SV: BandDefinition[] = [
  {
    band: 'lag',
    label: 'Låg',
    colour: '#2e7d32',
    colourName: 'grön',
    guidance: 'Acceptera, övervaka.',
    reviewIntervalDays: 365,
  },
  {
    band: 'medel',
    label: 'Medel',
    colour: '#f9a825',
    colourName: 'gul',
    guidance: 'Åtgärdsplan inom året.',
    reviewIntervalDays: 180,
  },
  {
    band: 'hog',
    label: 'Hög',
    colour: '#ef6c00',
    colourName: 'orange',
    guidance: 'Åtgärd och kontroll i internkontrollplanen.',
    reviewIntervalDays: 90,
  },
  {
    band: 'mycket_hog',
    label: 'Mycket hög',
    colour: '#c62828',
    colourName: 'röd',
    guidance: 'Omedelbar åtgärd, rapport till nämnd.',
    reviewIntervalDays: 90,
  },
];

/** The default 5×5 matrix: bands by score 1–4 låg, 5–9 medel, 10–16 hög, 20–25 mycket hög. */
export const DEFAULT_RISK_MATRIX: RiskMatrix = {
  likelihood: [
    {
      level: 1,
      label: 'Mycket låg',
      description: 'Inga tecken; inträffar mer sällan än en gång på tio år.',
    },
    { level: 2, label: 'Låg', description: 'Enstaka tecken.' },
    { level: 3, label: 'Medel', description: 'Har hänt här eller hos jämförbara verksamheter.' },
    { level: 4, label: 'Hög', description: 'Inträffar årligen eller tydliga tecken finns.' },
    { level: 5, label: 'Mycket hög', description: 'Pågår eller inträffar flera gånger per år.' },
  ],
  consequence: [
    { level: 1, label: 'Försumbar', description: 'Ingen märkbar påverkan.' },
    { level: 2, label: 'Lindrig', description: 'Mindre försening eller kostnad.' },
    {
      level: 3,
      label: 'Måttlig',
      description: 'Märkbar förlust, skada för en medarbetare, uppmärksamhet i lokala medier.',
    },
    {
      level: 4,
      label: 'Allvarlig',
      description: 'Allvarlig skada, betydande missbruk av skattemedel, polisärende.',
    },
    {
      level: 5,
      label: 'Mycket allvarlig',
      description:
        'Hot mot liv, systematisk kapning av ett avtal eller beslut, stor ekonomisk förlust.',
    },
  ],
  bands: BANDS_SV,
  // prettier-ignore
  cells: [
    /* sannolikhet 1 */ ['lag',   'lag',   'lag',   'lag',        'medel'],
    /* sannolikhet 2 */ ['lag',   'lag',   'medel', 'medel',      'hog'],
    /* sannolikhet 3 */ ['lag',   'medel', 'medel', 'hog',        'hog'],
    /* sannolikhet 4 */ ['lag',   'medel', 'hog',   'hog',        'mycket_hog'],
    /* sannolikhet 5 */ ['medel', 'hog',   'hog',   'mycket_hog', 'mycket_hog'],
  ],
  maxConsequenceFloor: 'medel',
};

/** A 4×4 alternative many municipalities use: 1–3 låg, 4–6 medel, 8–9 hög, 12–16 mycket hög. */
export const RISK_MATRIX_4X4: RiskMatrix = {
  likelihood: [
    { level: 1, label: 'Osannolik', description: 'Inga kända tecken.' },
    { level: 2, label: 'Möjlig', description: 'Enstaka tecken eller har hänt hos andra.' },
    { level: 3, label: 'Sannolik', description: 'Har hänt här eller tydliga tecken finns.' },
    {
      level: 4,
      label: 'Mycket sannolik',
      description: 'Pågår eller inträffar flera gånger per år.',
    },
  ],
  consequence: [
    { level: 1, label: 'Lindrig', description: 'Liten eller ingen påverkan.' },
    { level: 2, label: 'Måttlig', description: 'Märkbar förlust eller skada för en medarbetare.' },
    {
      level: 3,
      label: 'Allvarlig',
      description: 'Allvarlig skada, betydande förlust, polisärende.',
    },
    {
      level: 4,
      label: 'Mycket allvarlig',
      description: 'Hot mot liv, systematisk kapning av avtal eller beslut, stor förlust.',
    },
  ],
  bands: BANDS_SV,
  // prettier-ignore
  cells: [
    ['lag',   'lag',   'lag',        'medel'],
    ['lag',   'medel', 'medel',      'hog'],
    ['lag',   'medel', 'hog',        'mycket_hog'],
    ['medel', 'hog',   'mycket_hog', 'mycket_hog'],
  ],
  maxConsequenceFloor: 'medel',
};

/** A cell address. */
export interface MatrixCell {
  likelihood: number;
  consequence: number;
}

export type MatrixIssue =
  | { code: 'matrix_shape'; detail: string }
  | {
      code: 'matrix_label_missing';
      scale: 'likelihood' | 'consequence' | 'band';
      level: number | RiskBand;
    }
  | { code: 'matrix_band_definition'; band: string; detail: string }
  | { code: 'matrix_cell_missing'; cells: MatrixCell[] }
  | {
      code: 'matrix_not_monotone';
      /** Each cell whose band is lower than that of a neighbour with a lower likelihood or consequence. */
      cells: (MatrixCell & { band: RiskBand; lowerThan: MatrixCell & { band: RiskBand } })[];
    }
  | { code: 'matrix_consequence_floor'; floor: RiskBand; cells: MatrixCell[] };

export type MatrixValidation = { ok: true } | { ok: false; issues: MatrixIssue[] };

const HEX = /^#[0-9a-fA-F]{6}$/;
const blank = (s: unknown) => typeof s !== 'string' || s.trim() === '';

function scaleIssues(name: 'likelihood' | 'consequence', scale: unknown): MatrixIssue[] {
  if (!Array.isArray(scale) || scale.length < 2 || scale.length > 10) {
    return [{ code: 'matrix_shape', detail: `${name} must have 2–10 levels` }];
  }
  const issues: MatrixIssue[] = [];
  (scale as ScaleLevel[]).forEach((s, i) => {
    if (s?.level !== i + 1) {
      issues.push({
        code: 'matrix_shape',
        detail: `${name} levels must be 1…${scale.length} in order`,
      });
    } else if (blank(s.label) || blank(s.description)) {
      issues.push({ code: 'matrix_label_missing', scale: name, level: s.level });
    }
  });
  return issues;
}

/**
 * Checks a matrix before it is saved: shape and labels, one valid definition per band, a known
 * band in every cell, monotone bands (moving to a higher likelihood or consequence never gives a
 * lower band), and the highest consequence never below `maxConsequenceFloor`.
 */
export function validateRiskMatrix(matrix: RiskMatrix): MatrixValidation {
  const issues = [
    ...scaleIssues('likelihood', matrix.likelihood),
    ...scaleIssues('consequence', matrix.consequence),
  ];
  if (!isRiskBand(matrix.maxConsequenceFloor)) {
    issues.push({ code: 'matrix_shape', detail: 'maxConsequenceFloor must be a band' });
  }
  const defs = Array.isArray(matrix.bands) ? matrix.bands : [];
  for (const band of RISK_BANDS) {
    const found = defs.filter((b) => b?.band === band);
    if (found.length !== 1) {
      issues.push({
        code: 'matrix_band_definition',
        band,
        detail: 'exactly one definition per band',
      });
      continue;
    }
    const def = found[0];
    if (blank(def.label) || blank(def.colourName) || blank(def.guidance)) {
      issues.push({ code: 'matrix_label_missing', scale: 'band', level: band });
    }
    if (typeof def.colour !== 'string' || !HEX.test(def.colour)) {
      issues.push({ code: 'matrix_band_definition', band, detail: 'colour must be #rrggbb' });
    }
    const days = def.reviewIntervalDays;
    if (!Number.isInteger(days) || days < 1 || days > 3660) {
      issues.push({
        code: 'matrix_band_definition',
        band,
        detail: 'review interval must be 1–3660 days',
      });
    }
  }
  for (const d of defs) {
    if (!isRiskBand(d?.band)) {
      issues.push({
        code: 'matrix_band_definition',
        band: String(d?.band),
        detail: 'unknown band',
      });
    }
  }
  if (issues.some((i) => i.code === 'matrix_shape')) return { ok: false, issues };

  const rows = matrix.likelihood.length;
  const cols = matrix.consequence.length;
  if (
    !Array.isArray(matrix.cells) ||
    matrix.cells.length !== rows ||
    matrix.cells.some((r) => !Array.isArray(r) || r.length !== cols)
  ) {
    issues.push({ code: 'matrix_shape', detail: `cells must be ${rows} rows of ${cols}` });
    return { ok: false, issues };
  }
  const missing: MatrixCell[] = [];
  for (let l = 1; l <= rows; l++) {
    for (let c = 1; c <= cols; c++) {
      if (!isRiskBand(matrix.cells[l - 1][c - 1])) missing.push({ likelihood: l, consequence: c });
    }
  }
  if (missing.length > 0) {
    issues.push({ code: 'matrix_cell_missing', cells: missing });
    return { ok: false, issues };
  }
  const band = (l: number, c: number) => matrix.cells[l - 1][c - 1];
  const notMonotone: Extract<MatrixIssue, { code: 'matrix_not_monotone' }>['cells'] = [];
  for (let l = 1; l <= rows; l++) {
    for (let c = 1; c <= cols; c++) {
      const here = band(l, c);
      // Comparing with the two lower neighbours is enough: the order is transitive.
      for (const [nl, nc] of [
        [l - 1, c],
        [l, c - 1],
      ]) {
        if (nl >= 1 && nc >= 1 && bandRank(here) < bandRank(band(nl, nc))) {
          notMonotone.push({
            likelihood: l,
            consequence: c,
            band: here,
            lowerThan: { likelihood: nl, consequence: nc, band: band(nl, nc) },
          });
        }
      }
    }
  }
  if (notMonotone.length > 0) issues.push({ code: 'matrix_not_monotone', cells: notMonotone });
  if (isRiskBand(matrix.maxConsequenceFloor)) {
    const floor = matrix.maxConsequenceFloor;
    const below: MatrixCell[] = [];
    for (let l = 1; l <= rows; l++) {
      if (bandRank(band(l, cols)) < bandRank(floor))
        below.push({ likelihood: l, consequence: cols });
    }
    if (below.length > 0) issues.push({ code: 'matrix_consequence_floor', floor, cells: below });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true };
}
