import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CheckPolicy, CurrentUser } from '../core/authz/decorators';
import type { AuthUser } from '../core/authz/roles';
import { ApiProblems } from '../core/errors/api-problems';
import { ParseVersionPipe } from '../core/errors/validation';
import {
  RiskMatrixDto,
  RiskMatrixTemplateDto,
  RiskMatrixVersionDto,
  SaveRiskMatrixDto,
} from './dto/risk-matrix.dto';
import { RiskMatrixService } from './risk-matrix.service';

@ApiTags('risk-matrix')
@Controller('risk-matrix')
export class RiskMatrixController {
  constructor(private readonly matrices: RiskMatrixService) {}

  @Get()
  @CheckPolicy('read', 'RiskMatrix')
  @ApiOkResponse({ type: RiskMatrixDto })
  @ApiOperation({ summary: 'The current risk matrix: levels, bands and the band of every cell' })
  current(): Promise<RiskMatrixDto> {
    return this.matrices.current();
  }

  @Get('templates')
  @CheckPolicy('read', 'RiskMatrix')
  @ApiOkResponse({ type: [RiskMatrixTemplateDto] })
  @ApiOperation({ summary: 'The default matrices (5×5, 4×4) an edit may start from' })
  templates(): RiskMatrixTemplateDto[] {
    return this.matrices.templates();
  }

  @Get('versions')
  @CheckPolicy('read', 'RiskMatrix')
  @ApiOkResponse({ type: [RiskMatrixVersionDto] })
  @ApiOperation({ summary: 'Every saved version of the risk matrix, newest first' })
  versions(): Promise<RiskMatrixVersionDto[]> {
    return this.matrices.versions();
  }

  @Get('versions/:version')
  @CheckPolicy('read', 'RiskMatrix')
  @ApiOkResponse({ type: RiskMatrixDto })
  @ApiOperation({ summary: 'One saved version (old assessments keep the matrix they used)' })
  @ApiProblems(400, 404)
  version(@Param('version', ParseVersionPipe) version: number): Promise<RiskMatrixDto> {
    return this.matrices.version(version);
  }

  @Put()
  @CheckPolicy('update', 'RiskMatrix')
  @ApiOkResponse({ type: RiskMatrixDto })
  @ApiOperation({
    summary: 'Save a whole matrix as a new version',
    description:
      'Never overwrites: the matrix becomes version baseVersion + 1. A higher likelihood or ' +
      'consequence must never give a lower band (matrix_not_monotone, with the cells), and the ' +
      'highest consequence is never below medel. A stale baseVersion gives edit_conflict.',
  })
  @ApiProblems([400, 'validation_failed', 'matrix_not_monotone'], [409, 'edit_conflict'])
  save(@Body() dto: SaveRiskMatrixDto, @CurrentUser() user: AuthUser): Promise<RiskMatrixDto> {
    return this.matrices.save(dto, user);
  }
}
