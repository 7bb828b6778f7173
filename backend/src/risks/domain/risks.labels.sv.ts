/**
 * Swedish labels for the server-generated committee report (PDF/XLSX). Band and scale labels
 * come from the matrix data itself; the UI translates codes in the frontend.
 */
import { WELFARE_CRIME_KIND_LABELS_SV } from '../../core/domain/welfare-crime.labels.sv';
import type { NOT_ASSESSED } from './risk-scoring';
import type {
  RiskActionStatus,
  RiskCategory,
  RiskSubjectKind,
  RiskTreatment,
  UnitProcess,
} from './risk-taxonomy';

export const RISK_CATEGORY_LABELS_SV: Readonly<Record<RiskCategory, string>> = {
  ...WELFARE_CRIME_KIND_LABELS_SV,
  otillaten_paverkan: 'Otillåten påverkan',
};

export const RISK_TREATMENT_LABELS_SV: Readonly<Record<RiskTreatment, string>> = {
  acceptera: 'Acceptera',
  begransa: 'Begränsa',
  overfora_dela: 'Överföra/dela',
  eliminera: 'Eliminera',
};

export const RISK_SUBJECT_KIND_LABELS_SV: Readonly<Record<RiskSubjectKind, string>> = {
  avtal: 'Avtal',
  leverantor: 'Leverantör',
  process: 'Egen process',
};

export const UNIT_PROCESS_LABELS_SV: Readonly<Record<UnitProcess, string>> = {
  tillsyn: 'Tillsyn',
  tillstand: 'Tillståndsgivning',
  parkeringsovervakning: 'Parkeringsövervakning',
  attest: 'Attest',
  upphandling: 'Upphandling',
  avtalsforvaltning: 'Avtalsförvaltning',
  ovrigt: 'Övrigt',
};

export const RISK_ACTION_STATUS_LABELS_SV: Readonly<Record<RiskActionStatus, string>> = {
  planerad: 'Planerad',
  pagaende: 'Pågående',
  klar: 'Klar',
  installd: 'Inställd',
};

/** Shown instead of a band for a risk that has not been assessed (never as "Låg"). */
export const NOT_ASSESSED_LABEL_SV: Readonly<Record<typeof NOT_ASSESSED, string>> = {
  ej_bedomd: 'Ej bedömd',
};
