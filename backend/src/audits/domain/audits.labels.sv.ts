/** Swedish labels for the server-generated audit report (PDF); the UI translates in the frontend. */
import type { AuditAnswer } from './audit-answers';
import type { AuditDueReason } from './audit-plan';
import type {
  CorrectiveActionStatus,
  FindingDecision,
  FindingSeverity,
  FindingStatus,
} from './findings';

export const AUDIT_ANSWER_LABELS_SV: Readonly<Record<AuditAnswer, string>> = {
  uppfyllt: 'Uppfyllt',
  avvikelse: 'Avvikelse',
  ej_tillampligt: 'Ej tillämpligt',
  ej_kontrollerat: 'Ej kontrollerat',
};

export const FINDING_SEVERITY_LABELS_SV: Readonly<Record<FindingSeverity, string>> = {
  mindre: 'Mindre',
  vasentlig: 'Väsentlig',
  allvarlig: 'Allvarlig',
};

export const FINDING_DECISION_LABELS_SV: Readonly<Record<FindingDecision, string>> = {
  varning: 'Varning',
  vite: 'Vite',
  havning: 'Hävning',
  anmalan_ebm: 'Anmälan till Ekobrottsmyndigheten',
  anmalan_polis: 'Polisanmälan',
  anmalan_skatteverket: 'Anmälan till Skatteverket',
};

export const FINDING_STATUS_LABELS_SV: Readonly<Record<FindingStatus, string>> = {
  oppen: 'Öppen',
  stangd: 'Stängd',
};

export const CORRECTIVE_ACTION_STATUS_LABELS_SV: Readonly<Record<CorrectiveActionStatus, string>> =
  {
    oppen: 'Öppen',
    atgardad: 'Åtgärdad, väntar på verifiering',
    verifierad: 'Verifierad',
  };

export const AUDIT_DUE_REASON_LABELS_SV: Readonly<Record<AuditDueReason, string>> = {
  class_cadence: 'Enligt avtalets uppföljningsklass',
  risk_not_assessed: 'Enligt uppföljningsklass – risken är inte bedömd',
  risk_hog: 'Tidigarelagd: hög risk',
  risk_mycket_hog: 'Tidigarelagd: mycket hög risk',
  risk_mycket_hog_urgent: 'Snarast: ny bedömning med mycket hög risk',
};
