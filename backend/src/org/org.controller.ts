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
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
  list(@CurrentAbility() ability: AppAbility): Promise<UnitDto[]> {
    return this.org.list(ability);
  }

  @Post()
  @CheckPolicy('create', 'OrgUnit')
  @ApiOkResponse({ type: UnitDto })
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
  delete(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<void> {
    return this.org.delete(id, user, ability);
  }
}
