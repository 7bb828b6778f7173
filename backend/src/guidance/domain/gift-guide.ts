/**
 * The "Får jag ta emot detta?" decision guide (domain.md §7) as a pure evaluator over versioned,
 * administrator-editable rules: yes/no questions whose answers lead to another question or to
 * an outcome A–D, each step optionally carrying a reason (shown as the reasoning) and flags
 * (codes the rest of the system acts on, e.g. `giver_has_interest`).
 */

export const GIFT_OUTCOMES = ['A', 'B', 'C', 'D'] as const;
export type GiftOutcome = (typeof GIFT_OUTCOMES)[number];

export type GuideAnswer = 'yes' | 'no';

/** Facts established on the way that later steps act on. */
export const GUIDE_FLAGS = [
  'giver_has_interest',
  'heightened_caution',
  'offered_to_relative',
] as const;
export type GuideFlag = (typeof GUIDE_FLAGS)[number];

export type GuideStep =
  | { next: string; reason?: string; flags?: GuideFlag[] }
  | { outcome: GiftOutcome; reason: string; flags?: GuideFlag[] };

export interface GuideQuestion {
  /** Stable key used in `answers` (lower-case ASCII). */
  id: string;
  /** Shown number (0–10 in the default rules). */
  number: number;
  text: string;
  help: string;
  yes: GuideStep;
  no: GuideStep;
}

export interface GiftGuideRules {
  version: number;
  start: string;
  questions: GuideQuestion[];
  outcomes: Record<GiftOutcome, { title: string; text: string }>;
}

export type GuideAnswers = Readonly<Record<string, GuideAnswer>>;

export interface GuidePathStep {
  question: string;
  answer: GuideAnswer;
}

export interface GuideReason {
  question: string;
  answer: GuideAnswer;
  text: string;
}

export type GuideEvaluation =
  | {
      complete: true;
      outcome: GiftOutcome;
      reasons: GuideReason[];
      path: GuidePathStep[];
      flags: GuideFlag[];
    }
  | {
      complete: false;
      /** The next unanswered question on the path. */
      next: GuideQuestion;
      reasons: GuideReason[];
      path: GuidePathStep[];
      flags: GuideFlag[];
    };

function answerOf(answers: GuideAnswers, id: string): GuideAnswer | null {
  if (!Object.prototype.hasOwnProperty.call(answers, id)) return null;
  const a = answers[id];
  return a === 'yes' || a === 'no' ? a : null;
}

function questionMap(rules: GiftGuideRules): Map<string, GuideQuestion> {
  return new Map(rules.questions.map((q) => [q.id, q]));
}

/**
 * Walks the rules from the start with the given answers. Complete with an outcome, the reasons
 * and the path taken; or incomplete with the next question to ask. Answers to questions not on
 * the path (e.g. left over after going back) are ignored. Rules must have passed
 * `validateGiftGuideRules`; a broken rule set throws.
 */
export function evaluateGiftGuide(rules: GiftGuideRules, answers: GuideAnswers): GuideEvaluation {
  const questions = questionMap(rules);
  const path: GuidePathStep[] = [];
  const reasons: GuideReason[] = [];
  const flags: GuideFlag[] = [];
  let id = rules.start;
  for (let guard = 0; guard <= rules.questions.length; guard++) {
    const question = questions.get(id);
    if (!question) throw new Error(`gift guide rules reference unknown question ${id}`);
    const answer = answerOf(answers, id);
    if (answer === null) return { complete: false, next: question, reasons, path, flags };
    path.push({ question: id, answer });
    const step = question[answer];
    if (step.reason) reasons.push({ question: id, answer, text: step.reason });
    for (const f of step.flags ?? []) if (!flags.includes(f)) flags.push(f);
    if ('outcome' in step) return { complete: true, outcome: step.outcome, reasons, path, flags };
    id = step.next;
  }
  throw new Error('gift guide rules contain a cycle');
}

/** The question to show next, or null when the answers already lead to an outcome. */
export function nextGiftGuideQuestion(
  rules: GiftGuideRules,
  answers: GuideAnswers,
): GuideQuestion | null {
  const r = evaluateGiftGuide(rules, answers);
  return r.complete ? null : r.next;
}

/** "Back": the answers on the path without the last one (answers off the path are dropped). */
export function goBackInGiftGuide(rules: GiftGuideRules, answers: GuideAnswers): GuideAnswers {
  const { path } = evaluateGiftGuide(rules, answers);
  return Object.fromEntries(path.slice(0, -1).map((s) => [s.question, s.answer]));
}

/** What the outcome leads to: the gift register for B and D (and C when the giver has an interest); a prefilled influence report for C. */
export function giftGuideFollowUps(outcome: GiftOutcome, flags: readonly GuideFlag[]) {
  const interest = flags.includes('giver_has_interest');
  return {
    giftRegister: outcome === 'B' || outcome === 'D' || (outcome === 'C' && interest),
    influenceReport: outcome === 'C',
  };
}

/** Every path through the rules (answers in order and the outcome), depth first, yes before no. */
export function enumerateGiftGuidePaths(
  rules: GiftGuideRules,
): { path: GuidePathStep[]; outcome: GiftOutcome }[] {
  const questions = questionMap(rules);
  const out: { path: GuidePathStep[]; outcome: GiftOutcome }[] = [];
  const walk = (id: string, path: GuidePathStep[], seen: Set<string>) => {
    const q = questions.get(id);
    if (!q || seen.has(id)) throw new Error(`invalid gift guide rules at ${id}`);
    for (const answer of ['yes', 'no'] as const) {
      const step = q[answer];
      const next = [...path, { question: id, answer }];
      if ('outcome' in step) out.push({ path: next, outcome: step.outcome });
      else walk(step.next, next, new Set([...seen, id]));
    }
  };
  walk(rules.start, [], new Set());
  return out;
}

export type GuideRuleIssue =
  | { code: 'no_questions' }
  | { code: 'invalid_id'; question: string }
  | { code: 'duplicate_question'; question: string }
  | { code: 'unknown_start'; question: string }
  | { code: 'unknown_question'; from: string; answer: GuideAnswer; target: string }
  | { code: 'unknown_outcome'; from: string; answer: GuideAnswer }
  | { code: 'unknown_flag'; from: string; answer: GuideAnswer }
  | { code: 'cycle'; questions: string[] }
  | { code: 'unreachable_question'; question: string }
  | { code: 'text_missing'; where: string };

const ID = /^[a-z0-9_]{1,40}$/;
const blank = (s: unknown) => typeof s !== 'string' || s.trim() === '';

/**
 * Checks an edited rule set before it is published: well-formed unique ids, a known start,
 * every referenced question and outcome exists, no cycles (so every path ends in an outcome),
 * every question reachable, and texts present (question text, outcome reasons, outcome texts).
 */
export function validateGiftGuideRules(rules: GiftGuideRules): GuideRuleIssue[] {
  const issues: GuideRuleIssue[] = [];
  if (rules.questions.length === 0) return [{ code: 'no_questions' }];
  const questions = new Map<string, GuideQuestion>();
  for (const q of rules.questions) {
    if (!ID.test(q.id)) issues.push({ code: 'invalid_id', question: q.id });
    if (questions.has(q.id)) issues.push({ code: 'duplicate_question', question: q.id });
    questions.set(q.id, q);
    if (blank(q.text)) issues.push({ code: 'text_missing', where: `${q.id}.text` });
    for (const answer of ['yes', 'no'] as const) {
      const step = q[answer];
      if ('outcome' in step) {
        if (!(GIFT_OUTCOMES as readonly string[]).includes(step.outcome)) {
          issues.push({ code: 'unknown_outcome', from: q.id, answer });
        }
        if (blank(step.reason))
          issues.push({ code: 'text_missing', where: `${q.id}.${answer}.reason` });
      } else if (!rules.questions.some((t) => t.id === step.next)) {
        issues.push({ code: 'unknown_question', from: q.id, answer, target: step.next });
      }
      if ((step.flags ?? []).some((f) => !(GUIDE_FLAGS as readonly string[]).includes(f))) {
        issues.push({ code: 'unknown_flag', from: q.id, answer });
      }
    }
  }
  for (const o of GIFT_OUTCOMES) {
    const text = rules.outcomes?.[o];
    if (!text || blank(text.title) || blank(text.text)) {
      issues.push({ code: 'text_missing', where: `outcomes.${o}` });
    }
  }
  if (!questions.has(rules.start)) {
    issues.push({ code: 'unknown_start', question: rules.start });
    return issues;
  }
  // Depth-first search from the start: a grey node met again is a cycle.
  const state = new Map<string, 'grey' | 'black'>();
  const stack: string[] = [];
  const visit = (id: string): void => {
    const q = questions.get(id);
    if (!q || state.get(id) === 'black') return;
    if (state.get(id) === 'grey') {
      issues.push({ code: 'cycle', questions: [...stack.slice(stack.indexOf(id)), id] });
      return;
    }
    state.set(id, 'grey');
    stack.push(id);
    for (const step of [q.yes, q.no]) if ('next' in step) visit(step.next);
    stack.pop();
    state.set(id, 'black');
  };
  visit(rules.start);
  for (const q of rules.questions) {
    if (!state.has(q.id)) issues.push({ code: 'unreachable_question', question: q.id });
  }
  return issues;
}
