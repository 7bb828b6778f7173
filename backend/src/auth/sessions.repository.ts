import { Injectable } from '@nestjs/common';
import { LessThan } from 'typeorm';
import { Db } from '../core/database/db';
import { SessionEntity } from './entities/session.entity';

/**
 * Session rows. Every write runs in a transaction: the caller's when there is one (sign-in),
 * otherwise its own (the guard's touch, sign-out, revocation), so that it neither joins nor is
 * undone by another request's transaction (ADR 0008).
 */
@Injectable()
export class SessionsRepository {
  constructor(private readonly db: Db) {}

  private get repo() {
    return this.db.repo(SessionEntity);
  }

  insert(s: SessionEntity): Promise<SessionEntity> {
    return this.db.transaction(() => this.repo.save(s));
  }

  findByTokenHash(tokenHash: string): Promise<SessionEntity | null> {
    return this.repo.findOneBy({ tokenHash });
  }

  listForUser(userId: string): Promise<SessionEntity[]> {
    return this.repo.find({ where: { userId }, order: { lastSeenAt: 'DESC' } });
  }

  /** Its own transaction unless called inside one: never part of another request's transaction. */
  async touch(tokenHash: string, lastSeenAt: Date, idleExpiresAt: Date): Promise<void> {
    await this.db.transaction(() => this.repo.update({ tokenHash }, { lastSeenAt, idleExpiresAt }));
  }

  /** Replaces a session's token (and records how it was upgraded), keeping its id and expiry. */
  async rotate(
    tokenHash: string,
    next: Pick<SessionEntity, 'tokenHash' | 'authMethod' | 'secondFactorAt'>,
  ): Promise<void> {
    await this.db.transaction(() => this.repo.update({ tokenHash }, next));
  }

  async deleteByTokenHash(tokenHash: string): Promise<void> {
    await this.db.transaction(() => this.repo.delete({ tokenHash }));
  }

  async deleteById(userId: string, id: string): Promise<number> {
    return (await this.db.transaction(() => this.repo.delete({ userId, id }))).affected ?? 0;
  }

  /** Revokes every session of a user, optionally keeping one. */
  async deleteForUser(userId: string, exceptTokenHash?: string): Promise<number> {
    return this.db.transaction(async () => {
      const qb = this.repo
        .createQueryBuilder()
        .delete()
        .from(SessionEntity)
        .where('"userId" = :userId', { userId });
      if (exceptTokenHash) qb.andWhere('"tokenHash" <> :keep', { keep: exceptTokenHash });
      return (await qb.execute()).affected ?? 0;
    });
  }

  async deleteExpired(now: Date): Promise<void> {
    await this.db.transaction(async () => {
      await this.repo.delete({ idleExpiresAt: LessThan(now) });
      await this.repo.delete({ absoluteExpiresAt: LessThan(now) });
    });
  }
}
