import { HttpStatus, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../../core/audit/audit.service';
import type { AuthUser } from '../../core/authz/roles';
import { Clock } from '../../core/clock/clock';
import { Db } from '../../core/database/db';
import { Problem, type FieldError } from '../../core/errors/problem';
import {
  evaluateGiftGuide,
  giftGuideFollowUps,
  validateGiftGuideRules,
  type GiftGuideRules,
  type GuideAnswers,
  type GuideEvaluation,
  type GuideQuestion,
  type GuideRuleIssue,
  type GuideStep,
} from '../domain/gift-guide';
import {
  GiftGuideEvaluationDto,
  GiftGuideRulesDto,
  GuideStepDto,
  SaveGiftGuideRulesDto,
} from './dto/gift-guide.dto';
import type { GiftGuideVersionEntity } from './entities/gift-guide-version.entity';
import { GiftGuideRepository } from './gift-guide.repository';

/** Serialises rule saves on PostgreSQL so two administrators cannot both build on one version. */
const GIFT_GUIDE_LOCK = 7274_0091;

export interface StoredRules {
  rules: GiftGuideRules;
  createdAt: Date;
}

function rulesOf(row: GiftGuideVersionEntity): GiftGuideRules {
  return { ...(JSON.parse(row.definition) as GiftGuideRules), version: row.version };
}

function stepDto(step: GuideStep): GuideStepDto {
  return 'outcome' in step
    ? { outcome: step.outcome, reason: step.reason, flags: step.flags ?? [] }
    : { next: step.next, reason: step.reason, flags: step.flags ?? [] };
}

function questionDto(q: GuideQuestion) {
  return {
    id: q.id,
    number: q.number,
    text: q.text,
    help: q.help,
    yes: stepDto(q.yes),
    no: stepDto(q.no),
  };
}

/** The field an issue is about, for the problem body. */
function issueField(i: GuideRuleIssue): FieldError {
  switch (i.code) {
    case 'no_questions':
      return { field: 'questions', messages: [i.code] };
    case 'invalid_id':
    case 'duplicate_question':
    case 'unreachable_question':
      return { field: `questions.${i.question}`, messages: [i.code] };
    case 'unknown_start':
      return { field: 'start', messages: [i.code] };
    case 'unknown_question':
    case 'unknown_outcome':
    case 'unknown_flag':
      return { field: `questions.${i.from}.${i.answer}`, messages: [i.code] };
    case 'cycle':
      return { field: `questions.${i.questions[0]}`, messages: [i.code, i.questions.join(' → ')] };
    case 'text_missing':
      return { field: i.where, messages: [i.code] };
  }
}

@Injectable()
export class GiftGuideService {
  constructor(
    private readonly versions: GiftGuideRepository,
    private readonly audit: AuditService,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** The current rules (the migration stores version 1; a database without it is broken). */
  async currentRules(): Promise<StoredRules> {
    const row = await this.versions.current();
    if (!row) throw Problem.notFound('Gåvoguidens regler');
    return { rules: rulesOf(row), createdAt: row.createdAt };
  }

  async current(): Promise<GiftGuideRulesDto> {
    return this.toDto(await this.currentRules());
  }

  async version(version: number): Promise<GiftGuideRulesDto> {
    const row = await this.versions.findByVersion(version);
    if (!row) throw Problem.notFound(`Gåvoguidens version ${version}`);
    return this.toDto({ rules: rulesOf(row), createdAt: row.createdAt });
  }

  async evaluate(answers: GuideAnswers): Promise<GiftGuideEvaluationDto> {
    const { rules } = await this.currentRules();
    return evaluationDto(rules, evaluateGiftGuide(rules, answers));
  }

  /**
   * Saves a whole rule set as the next version (never overwrites), checked with
   * `validateGiftGuideRules` (ids, references, no cycles, all reachable, texts present).
   */
  async save(dto: SaveGiftGuideRulesDto, user: AuthUser): Promise<GiftGuideRulesDto> {
    const stepErrors: FieldError[] = [];
    const step = (s: GuideStepDto, where: string): GuideStep => {
      const hasNext = s.next !== undefined;
      const hasOutcome = s.outcome !== undefined;
      if (hasNext === hasOutcome)
        stepErrors.push({ field: where, messages: ['step_needs_next_or_outcome'] });
      const flags = s.flags?.length ? { flags: [...new Set(s.flags)] } : {};
      return hasOutcome
        ? { outcome: s.outcome!, reason: s.reason ?? '', ...flags }
        : { next: s.next ?? '', ...(s.reason ? { reason: s.reason } : {}), ...flags };
    };
    const draft: GiftGuideRules = {
      version: 0,
      start: dto.start,
      questions: dto.questions.map((q) => ({
        id: q.id,
        number: q.number,
        text: q.text,
        help: q.help,
        yes: step(q.yes, `questions.${q.id}.yes`),
        no: step(q.no, `questions.${q.id}.no`),
      })),
      outcomes: {
        A: { title: dto.outcomes.A.title, text: dto.outcomes.A.text },
        B: { title: dto.outcomes.B.title, text: dto.outcomes.B.text },
        C: { title: dto.outcomes.C.title, text: dto.outcomes.C.text },
        D: { title: dto.outcomes.D.title, text: dto.outcomes.D.text },
      },
    };
    const errors = [...stepErrors, ...validateGiftGuideRules(draft).map(issueField)];
    if (errors.length)
      throw new Problem(
        HttpStatus.BAD_REQUEST,
        'validation_failed',
        'Reglerna är inte giltiga: varje fråga ska leda till en annan fråga eller ett utfall, utan slingor, och alla texter ska finnas.',
        { errors },
      );
    return this.db.transaction(async () => {
      await this.db.lock(GIFT_GUIDE_LOCK);
      const current = await this.versions.current();
      const from = current?.version ?? 0;
      if (dto.baseVersion !== from)
        throw new Problem(
          HttpStatus.CONFLICT,
          'edit_conflict',
          `Gåvoguidens regler har ändrats (version ${from}) sedan du började redigera version ${dto.baseVersion}. Ladda om och gör om ändringen.`,
          { currentVersion: from },
        );
      const row: GiftGuideVersionEntity = {
        id: randomUUID(),
        version: from + 1,
        definition: JSON.stringify({ ...draft, version: from + 1 }),
        createdAt: this.clock.now(),
        createdBy: user.id,
      };
      await this.versions.insert(row);
      await this.audit.record({
        action: 'gift_guide.updated',
        actor: user,
        objectType: 'GiftGuideRules',
        objectId: String(row.version),
        details: { from, to: row.version, questions: draft.questions.length },
      });
      return this.toDto({ rules: rulesOf(row), createdAt: row.createdAt });
    });
  }

  private toDto({ rules, createdAt }: StoredRules): GiftGuideRulesDto {
    return {
      version: rules.version,
      createdAt: createdAt.toISOString(),
      start: rules.start,
      questions: rules.questions.map(questionDto),
      outcomes: {
        A: { ...rules.outcomes.A },
        B: { ...rules.outcomes.B },
        C: { ...rules.outcomes.C },
        D: { ...rules.outcomes.D },
      },
    };
  }
}

/** An evaluation as the API gives it: the texts of the rules version it used, with numbers. */
export function evaluationDto(rules: GiftGuideRules, r: GuideEvaluation): GiftGuideEvaluationDto {
  const byId = new Map(rules.questions.map((q) => [q.id, q]));
  return {
    version: rules.version,
    complete: r.complete,
    outcome: r.complete ? r.outcome : null,
    outcomeText: r.complete ? { ...rules.outcomes[r.outcome] } : null,
    reasons: r.reasons.map((x) => ({
      question: x.question,
      number: byId.get(x.question)?.number ?? 0,
      answer: x.answer,
      text: x.text,
    })),
    path: r.path.map((p) => ({
      question: p.question,
      number: byId.get(p.question)?.number ?? 0,
      text: byId.get(p.question)?.text ?? '',
      answer: p.answer,
    })),
    flags: [...r.flags],
    followUps: r.complete ? giftGuideFollowUps(r.outcome, r.flags) : null,
    next: r.complete ? null : questionDto(r.next),
  };
}
