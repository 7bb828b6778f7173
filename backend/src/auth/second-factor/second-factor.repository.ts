import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { IsNull } from 'typeorm';
import { Db } from '../../core/database/db';
import { RecoveryCodeEntity } from './entities/recovery-code.entity';
import { SecondFactorEntity } from './entities/second-factor.entity';

/**
 * Second factors and recovery codes: the only place that writes their tables (the guard's query
 * and the user page read whether a factor is confirmed, in UsersRepository).
 */
@Injectable()
export class SecondFactorRepository {
  constructor(private readonly db: Db) {}

  private get factors() {
    return this.db.repo(SecondFactorEntity);
  }

  private get codes() {
    return this.db.repo(RecoveryCodeEntity);
  }

  find(userId: string): Promise<SecondFactorEntity | null> {
    return this.factors.findOneBy({ userId });
  }

  /** Starts (or restarts) an enrolment: replaces an unconfirmed row, never a confirmed one. */
  async saveUnconfirmed(row: SecondFactorEntity): Promise<boolean> {
    return this.db.transaction(async () => {
      const existing = await this.factors.findOneBy({ userId: row.userId });
      if (existing?.confirmedAt) return false;
      if (existing) await this.factors.delete({ userId: row.userId, confirmedAt: IsNull() });
      await this.factors.insert(row);
      return true;
    });
  }

  /**
   * Marks the factor confirmed and records the step of the confirming code, only if it is still
   * unconfirmed (two confirmations racing: one wins).
   */
  async confirm(userId: string, step: number, now: Date): Promise<boolean> {
    const r = await this.factors
      .createQueryBuilder()
      .update(SecondFactorEntity)
      .set({ confirmedAt: now, lastUsedStep: step, updatedAt: now })
      .where('"userId" = :userId AND "confirmedAt" IS NULL', { userId })
      .execute();
    return (r.affected ?? 0) === 1;
  }

  /**
   * Uses a time step: succeeds only when it is later than the last one used. The condition is in
   * the UPDATE, so the same code given twice — also to two instances at once — succeeds once.
   */
  async useStep(userId: string, step: number, now: Date): Promise<boolean> {
    const r = await this.factors
      .createQueryBuilder()
      .update(SecondFactorEntity)
      .set({ lastUsedStep: step, updatedAt: now })
      .where(
        '"userId" = :userId AND "confirmedAt" IS NOT NULL AND ("lastUsedStep" IS NULL OR "lastUsedStep" < :step)',
        { userId, step },
      )
      .execute();
    return (r.affected ?? 0) === 1;
  }

  /** Replaces all recovery codes of a user with these hashes. */
  async replaceCodes(userId: string, hashes: string[], now: Date): Promise<void> {
    await this.codes.delete({ userId });
    await this.codes.insert(
      hashes.map((codeHash) => ({
        id: randomUUID(),
        userId,
        codeHash,
        usedAt: null,
        createdAt: now,
      })),
    );
  }

  /** Uses a recovery code: succeeds once per code (conditional UPDATE). */
  async useCode(userId: string, codeHash: string, now: Date): Promise<boolean> {
    const r = await this.codes
      .createQueryBuilder()
      .update(RecoveryCodeEntity)
      .set({ usedAt: now })
      .where('"userId" = :userId AND "codeHash" = :codeHash AND "usedAt" IS NULL', {
        userId,
        codeHash,
      })
      .execute();
    return (r.affected ?? 0) === 1;
  }

  async unusedCodeCount(userId: string): Promise<number> {
    return this.codes.countBy({ userId, usedAt: IsNull() });
  }

  /** Removes the factor and its codes; true when there was a factor. */
  async remove(userId: string): Promise<boolean> {
    await this.codes.delete({ userId });
    const r = await this.factors.delete({ userId });
    return (r.affected ?? 0) > 0;
  }
}
