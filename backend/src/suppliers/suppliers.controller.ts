import {
  Body,
  Controller,
  Delete,
  Get,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AppAbility } from '../core/authz/ability';
import { CheckPolicy, CurrentAbility, CurrentUser } from '../core/authz/decorators';
import type { AuthUser } from '../core/authz/roles';
import { ApiProblems } from '../core/errors/api-problems';
import {
  CreateSupplierDto,
  ListSuppliersQuery,
  SupplierDetailDto,
  SupplierPageDto,
  TickFlagDto,
  UpdateSupplierDto,
} from './dto/supplier.dto';
import { SuppliersService } from './suppliers.service';

@ApiTags('suppliers')
@Controller('suppliers')
export class SuppliersController {
  constructor(private readonly suppliers: SuppliersService) {}

  @Get()
  @CheckPolicy('read', 'Supplier')
  @ApiOkResponse({ type: SupplierPageDto })
  @ApiOperation({ summary: 'Search the supplier register, a page at a time' })
  @ApiProblems(400)
  list(
    @Query() query: ListSuppliersQuery,
    @CurrentAbility() ability: AppAbility,
  ): Promise<SupplierPageDto> {
    return this.suppliers.list(query, ability);
  }

  @Get(':id')
  @CheckPolicy('read', 'Supplier')
  @ApiOkResponse({ type: SupplierDetailDto })
  @ApiOperation({ summary: 'One supplier with its red flags and the fördjupad-kontroll verdict' })
  @ApiProblems(400, 404)
  get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentAbility() ability: AppAbility,
  ): Promise<SupplierDetailDto> {
    return this.suppliers.get(id, ability);
  }

  @Post()
  @CheckPolicy('create', 'Supplier')
  @ApiCreatedResponse({ type: SupplierDetailDto })
  @ApiOperation({ summary: 'Add a supplier (the organisation number is Luhn-checked and unique)' })
  @ApiProblems(
    [400, 'validation_failed', 'invalid_organisation_number'],
    [409, 'organisation_number_taken'],
  )
  create(
    @Body() dto: CreateSupplierDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<SupplierDetailDto> {
    return this.suppliers.create(dto, user, ability);
  }

  @Patch(':id')
  @CheckPolicy('update', 'Supplier')
  @ApiOkResponse({ type: SupplierDetailDto })
  @ApiOperation({ summary: "Change a supplier's details" })
  @ApiProblems([400, 'validation_failed', 'invalid_organisation_number'], 404, [
    409,
    'organisation_number_taken',
  ])
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateSupplierDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<SupplierDetailDto> {
    return this.suppliers.update(id, dto, user, ability);
  }

  @Put(':id/flags/:code')
  @CheckPolicy('update', 'Supplier')
  @ApiOkResponse({ type: SupplierDetailDto })
  @ApiOperation({ summary: 'Tick a red flag with its evidence (or change the evidence)' })
  @ApiProblems(400, 404)
  tickFlag(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('code') code: string,
    @Body() dto: TickFlagDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<SupplierDetailDto> {
    return this.suppliers.tickFlag(id, code, dto.evidence, user, ability);
  }

  @Delete(':id/flags/:code')
  @CheckPolicy('update', 'Supplier')
  @ApiOkResponse({ type: SupplierDetailDto })
  @ApiOperation({ summary: 'Untick a red flag (the tick stays in the audit log)' })
  @ApiProblems(400, 404)
  untickFlag(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('code') code: string,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<SupplierDetailDto> {
    return this.suppliers.untickFlag(id, code, user, ability);
  }
}
