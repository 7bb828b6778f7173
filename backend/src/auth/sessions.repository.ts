import { Injectable } from '@nestjs/common';
import { LessThan } from 'typeorm';
import { Db } from '../core/database/db';
import { SessionEntity } from './entities/session.entity';

@Injectable()
export class SessionsRepository {
  constructor(private readonly db: Db) {}

  private get repo() {
    return this.db.repo(SessionEntity);
  }

  insert(s: SessionEntity): Promise<SessionEntity> {
    return this.repo.save(s);
  }

  findByTokenHash(tokenHash: string): Promise<SessionEntity | null> {
    return this.repo.findOneBy({ tokenHash });
  }

  listForUser(userId: string): Promise<SessionEntity[]> {
    return this.repo.find({ where: { userId }, order: { lastSeenAt: 'DESC' } });
  }

  async touch(tokenHash: string, lastSeenAt: Date, idleExpiresAt: Date): Promise<void> {
    await this.repo.update({ tokenHash }, { lastSeenAt, idleExpiresAt });
  }

  async deleteByTokenHash(tokenHash: string): Promise<void> {
    await this.repo.delete({ tokenHash });
  }

  async deleteById(userId: string, id: string): Promise<number> {
    return (await this.repo.delete({ userId, id })).affected ?? 0;
  }

  /** Revokes every session of a user, optionally keeping one. */
  async deleteForUser(userId: string, exceptTokenHash?: string): Promise<number> {
    const qb = this.repo
      .createQueryBuilder()
      .delete()
      .from(SessionEntity)
      .where('"userId" = :userId', { userId });
    if (exceptTokenHash) qb.andWhere('"tokenHash" <> :keep', { keep: exceptTokenHash });
    return (await qb.execute()).affected ?? 0;
  }

  async deleteExpired(now: Date): Promise<void> {
    await this.repo.delete({ idleExpiresAt: LessThan(now) });
    await this.repo.delete({ absoluteExpiresAt: LessThan(now) });
  }
}
