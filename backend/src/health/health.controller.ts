import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags, ApiOperation } from '@nestjs/swagger';
import { ApiProblems } from '../core/errors/api-problems';
import { Public } from '../core/authz/decorators';
import { Db } from '../core/database/db';
import { Problem } from '../core/errors/problem';
import { VERSION } from '../version';

export class HealthDto {
  @ApiProperty() status: string;
  @ApiProperty() database: string;
  @ApiProperty() version: string;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: Db) {}

  /** For load balancers: 200 when the database answers, 503 otherwise. */
  @Get()
  @Public()
  @ApiOkResponse({ type: HealthDto })
  @ApiOperation({ summary: 'Liveness and database check for load balancers' })
  @ApiProblems([400, 'bad_request'], 503)
  async health(): Promise<HealthDto> {
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
