import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags, ApiOperation } from '@nestjs/swagger';
import { ApiProblems } from '../core/errors/api-problems';
import { Public } from '../core/authz/decorators';
import { HealthService } from './health.service';

export class HealthDto {
  @ApiProperty() status: string;
  @ApiProperty() database: string;
  @ApiProperty() version: string;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly service: HealthService) {}

  /** For load balancers: 200 when the database answers, 503 otherwise. */
  @Get()
  @Public()
  @ApiOkResponse({ type: HealthDto })
  @ApiOperation({ summary: 'Liveness and database check for load balancers' })
  @ApiProblems([400, 'bad_request'], 503)
  health(): Promise<HealthDto> {
    return this.service.check();
  }
}
