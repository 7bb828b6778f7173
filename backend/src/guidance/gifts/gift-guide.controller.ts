import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CheckPolicy, CurrentUser } from '../../core/authz/decorators';
import type { AuthUser } from '../../core/authz/roles';
import { ApiProblems } from '../../core/errors/api-problems';
import { ParseVersionPipe } from '../../core/errors/validation';
import {
  EvaluateGiftGuideDto,
  GiftGuideEvaluationDto,
  GiftGuideRulesDto,
  SaveGiftGuideRulesDto,
} from './dto/gift-guide.dto';
import { GiftGuideService } from './gift-guide.service';

@ApiTags('gift-guide')
@Controller('gift-guide')
export class GiftGuideController {
  constructor(private readonly guide: GiftGuideService) {}

  @Get()
  @CheckPolicy('read', 'GiftGuideRules')
  @ApiOkResponse({ type: GiftGuideRulesDto })
  @ApiOperation({ summary: '"Får jag ta emot detta?": the current rules (questions, outcomes)' })
  current(): Promise<GiftGuideRulesDto> {
    return this.guide.current();
  }

  @Get('versions/:version')
  @CheckPolicy('read', 'GiftGuideRules')
  @ApiOkResponse({ type: GiftGuideRulesDto })
  @ApiOperation({ summary: 'One saved version of the rules (register entries name theirs)' })
  @ApiProblems(400, 404)
  version(@Param('version', ParseVersionPipe) version: number): Promise<GiftGuideRulesDto> {
    return this.guide.version(version);
  }

  @Post('evaluate')
  @HttpCode(200)
  @CheckPolicy('read', 'GiftGuideRules')
  @ApiOkResponse({ type: GiftGuideEvaluationDto })
  @ApiOperation({
    summary:
      'Evaluate answers with the current rules: the outcome A–D and its reasons, or the next question',
  })
  @ApiProblems(400)
  evaluate(@Body() dto: EvaluateGiftGuideDto): Promise<GiftGuideEvaluationDto> {
    return this.guide.evaluate(dto.answers);
  }

  @Put('rules')
  @CheckPolicy('update', 'GiftGuideRules')
  @ApiOkResponse({ type: GiftGuideRulesDto })
  @ApiOperation({
    summary: 'Save a whole rule set as a new version (old versions are kept)',
    description:
      'Validated with validateGiftGuideRules: well-formed unique ids, a known start, every ' +
      'reference exists, no cycles, every question reachable, texts present. A stale ' +
      'baseVersion gives edit_conflict.',
  })
  @ApiProblems([400, 'validation_failed'], [409, 'edit_conflict'])
  save(
    @Body() dto: SaveGiftGuideRulesDto,
    @CurrentUser() user: AuthUser,
  ): Promise<GiftGuideRulesDto> {
    return this.guide.save(dto, user);
  }
}
