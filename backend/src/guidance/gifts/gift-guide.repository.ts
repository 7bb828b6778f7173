import { Injectable } from '@nestjs/common';
import { Db } from '../../core/database/db';
import { GiftGuideVersionEntity } from './entities/gift-guide-version.entity';

@Injectable()
export class GiftGuideRepository {
  constructor(private readonly db: Db) {}

  private get repo() {
    return this.db.repo(GiftGuideVersionEntity);
  }

  /** The highest version: the current rules. */
  current(): Promise<GiftGuideVersionEntity | null> {
    return this.repo.findOne({ where: {}, order: { version: 'DESC' } });
  }

  findByVersion(version: number): Promise<GiftGuideVersionEntity | null> {
    return this.repo.findOneBy({ version });
  }

  async insert(row: GiftGuideVersionEntity): Promise<void> {
    await this.repo.insert(row);
  }
}
