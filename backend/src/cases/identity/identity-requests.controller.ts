import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AppAbility } from '../../core/authz/ability';
import { CheckPolicy, CurrentAbility, CurrentUser } from '../../core/authz/decorators';
import type { AuthUser } from '../../core/authz/roles';
import { ApiProblems } from '../../core/errors/api-problems';
import {
  DecideIdentityRequestDto,
  IdentityRequestDetailDto,
  IdentityRequestDto,
  ListIdentityRequestsQuery,
} from './dto/identity-request.dto';
import { IdentityRequestsService } from './identity-requests.service';

@ApiTags('identity custody')
@Controller('identity-requests')
export class IdentityRequestsController {
  constructor(private readonly requests: IdentityRequestsService) {}

  @Get()
  @CheckPolicy('read', 'IdentityRequest')
  @ApiOkResponse({ type: [IdentityRequestDto] })
  @ApiOperation({
    summary:
      "Identity requests: a custodian's scope, or a handler's own requests (motivations, decisions; no case content)",
  })
  @ApiProblems(400)
  list(
    @Query() query: ListIdentityRequestsQuery,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<IdentityRequestDto[]> {
    return this.requests.list(query, user, ability);
  }

  @Get(':id')
  @CheckPolicy('read', 'IdentityRequest')
  @ApiOkResponse({ type: IdentityRequestDetailDto })
  @ApiOperation({
    summary:
      'One identity request; the custodian also gets the reporter identity (audit-logged), never case content',
  })
  @ApiProblems(400, 404, [409, 'case_purged'])
  get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<IdentityRequestDetailDto> {
    return this.requests.get(id, user, ability);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @CheckPolicy('update', 'IdentityRequest')
  @ApiOkResponse({ type: IdentityRequestDto })
  @ApiOperation({ summary: 'Approve or refuse a pending identity request, with a motivation' })
  @ApiProblems(400, 404, [409, 'request_decided', 'case_purged'])
  decide(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DecideIdentityRequestDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<IdentityRequestDto> {
    return this.requests.decide(id, dto, user, ability);
  }
}
