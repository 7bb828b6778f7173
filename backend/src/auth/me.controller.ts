import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { ApiProblems } from '../core/errors/api-problems';
import type { AppAbility } from '../core/authz/ability';
import {
  CheckPolicy,
  CurrentAbility,
  CurrentUser,
  SecondFactorStep,
} from '../core/authz/decorators';
import type { AuthUser } from '../core/authz/roles';
import { AbilitiesDto, ChangePasswordDto, MeDto, SessionDto } from './dto/auth.dto';
import { MeService } from './me.service';

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get()
  @SecondFactorStep()
  @CheckPolicy('read', 'Me')
  @ApiOkResponse({ type: MeDto })
  @ApiOperation({ summary: 'The signed-in user: profile, roles and session' })
  @ApiProblems(404)
  get(@CurrentUser() user: AuthUser): Promise<MeDto> {
    return this.me.me(user);
  }

  @Get('abilities')
  @SecondFactorStep()
  @CheckPolicy('read', 'Me')
  @ApiOkResponse({ type: AbilitiesDto })
  @ApiOperation({ summary: "The signed-in user's permissions as packed CASL rules" })
  abilities(@CurrentAbility() ability: AppAbility): AbilitiesDto {
    return this.me.abilities(ability);
  }

  @Post('password')
  @HttpCode(204)
  @CheckPolicy('update', 'Me')
  @ApiNoContentResponse()
  @ApiOperation({ summary: "Change one's own password (signs out other sessions)" })
  @ApiProblems(
    [400, 'validation_failed', 'password_policy', 'wrong_password'],
    [429, 'account_locked'],
  )
  changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.me.changePassword(user, dto.currentPassword, dto.newPassword);
  }

  @Get('sessions')
  @CheckPolicy('read', 'Me')
  @ApiOkResponse({ type: [SessionDto] })
  @ApiOperation({ summary: "The signed-in user's active sessions" })
  sessions(@CurrentUser() user: AuthUser): Promise<SessionDto[]> {
    return this.me.listSessions(user);
  }

  @Delete('sessions/:id')
  @HttpCode(204)
  @CheckPolicy('update', 'Me')
  @ApiNoContentResponse()
  @ApiOperation({ summary: "End one of one's own sessions" })
  @ApiProblems(400, 404)
  revokeSession(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    return this.me.revokeSession(user, id);
  }
}
