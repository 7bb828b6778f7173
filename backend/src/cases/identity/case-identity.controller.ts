import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AppAbility } from '../../core/authz/ability';
import { CheckPolicy, CurrentAbility, CurrentUser } from '../../core/authz/decorators';
import type { AuthUser } from '../../core/authz/roles';
import { ApiProblems } from '../../core/errors/api-problems';
import {
  CreateIdentityRequestDto,
  IdentityRequestCreatedDto,
  ReporterIdentityDto,
} from './dto/identity-request.dto';
import { IdentityRequestsService } from './identity-requests.service';

/** The handler's side of identity custody, on the case. */
@ApiTags('identity custody')
@Controller('cases')
export class CaseIdentityController {
  constructor(private readonly requests: IdentityRequestsService) {}

  @Post(':id/identity-requests')
  @CheckPolicy('create', 'IdentityRequest')
  @ApiCreatedResponse({ type: IdentityRequestCreatedDto })
  @ApiOperation({
    summary:
      "Ask an identity custodian, with a motivation, to see a confidential reporter's identity",
  })
  @ApiProblems(400, 404, [409, 'not_confidential', 'request_pending', 'conflict', 'case_purged'])
  create(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateIdentityRequestDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<IdentityRequestCreatedDto> {
    return this.requests.create(id, dto, user, ability);
  }

  @Get(':id/identity')
  @CheckPolicy('read', 'Case')
  @ApiOkResponse({ type: ReporterIdentityDto })
  @ApiOperation({
    summary:
      "The reporter's identity: identified reports to the case's handlers; confidential ones only after the handler's own request was approved (403 otherwise); anonymous reports have none (404). Every view is audit-logged",
  })
  @ApiProblems(400, 404, [409, 'case_purged'])
  identity(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<ReporterIdentityDto> {
    return this.requests.caseIdentity(id, user, ability);
  }
}
