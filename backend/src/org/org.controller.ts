import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiOperation,
} from '@nestjs/swagger';
import { ApiProblems } from '../core/errors/api-problems';
import type { AppAbility } from '../core/authz/ability';
import { CheckPolicy, CurrentAbility, CurrentUser } from '../core/authz/decorators';
import type { AuthUser } from '../core/authz/roles';
import { CreateUnitDto, UnitDto, UpdateUnitDto } from './dto/unit.dto';
import { OrgService } from './org.service';

@ApiTags('organisation')
@Controller('units')
export class OrgController {
  constructor(private readonly org: OrgService) {}

  @Get()
  @CheckPolicy('read', 'OrgUnit')
  @ApiOkResponse({ type: [UnitDto] })
  @ApiOperation({ summary: 'The organisation tree (units the caller may read), depth-first' })
  list(@CurrentAbility() ability: AppAbility): Promise<UnitDto[]> {
    return this.org.list(ability);
  }

  @Post()
  @CheckPolicy('create', 'OrgUnit')
  @ApiCreatedResponse({ type: UnitDto })
  @ApiOperation({ summary: 'Create a unit below an active unit' })
  @ApiProblems(400, 404, 409)
  create(
    @Body() dto: CreateUnitDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<UnitDto> {
    return this.org.create(dto, user, ability);
  }

  @Patch(':id')
  @CheckPolicy('update', 'OrgUnit')
  @ApiOkResponse({ type: UnitDto })
  @ApiOperation({ summary: 'Rename, change the kind of, or move a unit (with its subtree)' })
  @ApiProblems(400, 404, [409, 'conflict', 'unit_cycle', 'root_unit'])
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateUnitDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<UnitDto> {
    return this.org.update(id, dto, user, ability);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @CheckPolicy('update', 'OrgUnit')
  @ApiOkResponse({ type: UnitDto })
  @ApiOperation({ summary: 'Deactivate a unit and its whole subtree' })
  @ApiProblems(400, 404, [409, 'root_unit'])
  deactivate(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<UnitDto> {
    return this.org.setActive(id, false, user, ability);
  }

  @Post(':id/activate')
  @HttpCode(200)
  @CheckPolicy('update', 'OrgUnit')
  @ApiOkResponse({ type: UnitDto })
  @ApiOperation({ summary: 'Activate a unit (its parent must be active)' })
  @ApiProblems(400, 404, 409)
  activate(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<UnitDto> {
    return this.org.setActive(id, true, user, ability);
  }

  @Delete(':id')
  @HttpCode(204)
  @CheckPolicy('delete', 'OrgUnit')
  @ApiNoContentResponse()
  @ApiOperation({ summary: 'Delete an unused unit' })
  @ApiProblems(400, 404, [409, 'unit_in_use', 'root_unit'])
  delete(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<void> {
    return this.org.delete(id, user, ability);
  }
}
