/**
 * Every PostgreSQL advisory-lock key Värn takes, in one place (`Db.lock`, migrations). Two
 * features that share a key by mistake block each other for no reason — case numbering and the
 * contract register once did — so the keys live here and a unit test keeps them distinct.
 * SQLite has one writer and needs none of them.
 */
export const ADVISORY_LOCKS = {
  /** Two instances never migrate at once. */
  migration: 7274_0001,
  /** The "last active administrator" checks. */
  administratorSet: 7274_0003,
  /** Changes that read or rewrite the units' materialised paths. */
  orgTree: 7274_0004,
  /** Risk-matrix version numbering. */
  riskMatrix: 7274_0012,
  /** Organisation-number uniqueness and red-flag ticks (the register and its import). */
  supplierRegister: 7274_0021,
  /** Case reference numbering. */
  caseNumber: 7274_0031,
  /** Diarienummer uniqueness in the contract register (and its import). */
  contractRegister: 7274_0032,
  /** Identity-request decisions. */
  identityRequest: 7274_0033,
  /** Checklist-template version numbering. */
  checklist: 7274_0081,
} as const;
