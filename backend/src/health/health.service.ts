import { HttpStatus, Injectable } from '@nestjs/common';
import { Db } from '../core/database/db';
import { Problem } from '../core/errors/problem';
import { VERSION } from '../version';

export interface Health {
  status: 'ok';
  database: string;
  version: string;
}

@Injectable()
export class HealthService {
  constructor(private readonly db: Db) {}

  /** 200 when the database answers a trivial query; 503 service_unavailable otherwise. */
  async check(): Promise<Health> {
    try {
      await this.db.dataSource.query('SELECT 1');
    } catch {
      throw new Problem(
        HttpStatus.SERVICE_UNAVAILABLE,
        'service_unavailable',
        'Databasen svarar inte.',
      );
    }
    return { status: 'ok', database: this.db.engine, version: VERSION };
  }
}
