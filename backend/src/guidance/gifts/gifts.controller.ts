import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AppAbility } from '../../core/authz/ability';
import { CheckPolicy, CurrentAbility, CurrentUser } from '../../core/authz/decorators';
import type { AuthUser } from '../../core/authz/roles';
import { ApiProblems } from '../../core/errors/api-problems';
import {
  CreateGiftDto,
  GiftDecisionDto,
  GiftEntryDto,
  GiftPageDto,
  GiverLookupQuery,
  GiverMatchDto,
  ListGiftsQuery,
} from './dto/gift.dto';
import { GiftsService } from './gifts.service';

@ApiTags('gifts')
@Controller('gifts')
export class GiftsController {
  constructor(private readonly gifts: GiftsService) {}

  @Get()
  @CheckPolicy('read', 'GiftEntry')
  @ApiOkResponse({ type: GiftPageDto })
  @ApiOperation({
    summary:
      'The gift register you may read: your own, your subtree as chef, your scope as auditor',
  })
  @ApiProblems(400)
  list(
    @Query() query: ListGiftsQuery,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<GiftPageDto> {
    return this.gifts.list(query, user, ability);
  }

  @Get('givers')
  @CheckPolicy('create', 'GiftEntry')
  @ApiOkResponse({ type: [GiverMatchDto] })
  @ApiOperation({
    summary:
      'Suppliers for the giver field (id and name only) by organisation number or name prefix',
  })
  @ApiProblems(400, 429)
  givers(
    @Query() query: GiverLookupQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<GiverMatchDto[]> {
    return this.gifts.givers(query, user);
  }

  @Get(':id')
  @CheckPolicy('read', 'GiftEntry')
  @ApiOkResponse({ type: GiftEntryDto })
  @ApiOperation({ summary: 'One gift register entry' })
  @ApiProblems(400, 404)
  get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentAbility() ability: AppAbility,
  ): Promise<GiftEntryDto> {
    return this.gifts.get(id, ability);
  }

  @Post()
  @CheckPolicy('create', 'GiftEntry')
  @ApiCreatedResponse({ type: GiftEntryDto })
  @ApiOperation({
    summary:
      'Register a gift offered to you; the outcome comes from the guide answers (current rules)',
  })
  @ApiProblems([400, 'validation_failed', 'invalid_organisation_number'])
  create(
    @Body() dto: CreateGiftDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<GiftEntryDto> {
    return this.gifts.create(dto, user, ability);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @CheckPolicy('update', 'GiftEntry')
  @ApiOkResponse({ type: GiftEntryDto })
  @ApiOperation({
    summary: "A manager's decision on a B entry (godkänd, avböjd, återlämnas) with a motivation",
  })
  @ApiProblems(400, 404, [409, 'status_not_allowed', 'request_decided'])
  decide(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: GiftDecisionDto,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<GiftEntryDto> {
    return this.gifts.decide(id, dto, user, ability);
  }
}
