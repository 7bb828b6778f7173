import { Injectable } from '@nestjs/common';
import { Db } from '../core/database/db';
import { RiskMatrixVersionEntity } from './entities/risk-matrix-version.entity';

@Injectable()
export class RiskMatrixRepository {
  constructor(private readonly db: Db) {}

  private get repo() {
    return this.db.repo(RiskMatrixVersionEntity);
  }

  /** The highest version: the current matrix. */
  current(): Promise<RiskMatrixVersionEntity | null> {
    return this.repo.findOne({ where: {}, order: { version: 'DESC' } });
  }

  findByVersion(version: number): Promise<RiskMatrixVersionEntity | null> {
    return this.repo.findOneBy({ version });
  }

  /** Every version, newest first. */
  list(): Promise<RiskMatrixVersionEntity[]> {
    return this.repo.find({ order: { version: 'DESC' } });
  }

  insert(row: RiskMatrixVersionEntity): Promise<RiskMatrixVersionEntity> {
    return this.repo.save(row);
  }
}
