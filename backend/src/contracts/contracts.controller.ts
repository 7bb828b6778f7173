import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AppAbility } from '../core/authz/ability';
import { CheckPolicy, CurrentAbility, CurrentUser } from '../core/authz/decorators';
import type { AuthUser } from '../core/authz/roles';
import { ApiProblems } from '../core/errors/api-problems';
import { ContractsService } from './contracts.service';
import {
  ContractDetailDto,
  ContractPageDto,
  CreateContractDto,
  ListContractsQuery,
  UpdateContractDto,
} from './dto/contract.dto';

@ApiTags('contracts')
@Controller('contracts')
export class ContractsController {
  constructor(private readonly contracts: ContractsService) {}

  @Get()
  @CheckPolicy('read', 'Contract')
  @ApiOkResponse({ type: ContractPageDto })
  @ApiOperation({
    summary: 'Search the contracts of your scope (keyset paging: pass nextCursor as cursor)',
  })
  @ApiProblems(400)
  list(
    @Query() query: ListContractsQuery,
    @CurrentAbility() ability: AppAbility,
  ): Promise<ContractPageDto> {
    return this.contracts.list(query, ability);
  }

  @Get(':id')
  @CheckPolicy('read', 'Contract')
  @ApiOkResponse({ type: ContractDetailDto })
  @ApiOperation({ summary: 'One contract with its subcontractor chain and the chain warnings' })
  @ApiProblems(400, 404)
  get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentAbility() ability: AppAbility,
  ): Promise<ContractDetailDto> {
    return this.contracts.get(id, ability);
  }

  @Post()
  @CheckPolicy('create', 'Contract')
  @ApiCreatedResponse({ type: ContractDetailDto })
  @ApiOperation({ summary: 'Register a contract for a unit of your scope' })
  @ApiProblems([400, 'validation_failed', 'invalid_organisation_number'], [409, 'conflict'])
  create(
    @Body() dto: CreateContractDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<ContractDetailDto> {
    return this.contracts.create(dto, user, ability);
  }

  @Patch(':id')
  @CheckPolicy('update', 'Contract')
  @ApiOkResponse({ type: ContractDetailDto })
  @ApiOperation({ summary: 'Change a contract (subcontractors: the whole chain replaces the old)' })
  @ApiProblems([400, 'validation_failed', 'invalid_organisation_number'], 404, [409, 'conflict'])
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateContractDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<ContractDetailDto> {
    return this.contracts.update(id, dto, user, ability);
  }
}
