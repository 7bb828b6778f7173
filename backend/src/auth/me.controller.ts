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
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AppAbility } from '../core/authz/ability';
import { CheckPolicy, CurrentAbility, CurrentUser } from '../core/authz/decorators';
import type { AuthUser } from '../core/authz/roles';
import { AbilitiesDto, ChangePasswordDto, MeDto, SessionDto } from './dto/auth.dto';
import { MeService } from './me.service';

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get()
  @CheckPolicy('read', 'Me')
  @ApiOkResponse({ type: MeDto })
  get(@CurrentUser() user: AuthUser): Promise<MeDto> {
    return this.me.me(user);
  }

  @Get('abilities')
  @CheckPolicy('read', 'Me')
  @ApiOkResponse({ type: AbilitiesDto })
  abilities(@CurrentAbility() ability: AppAbility): AbilitiesDto {
    return this.me.abilities(ability);
  }

  @Post('password')
  @HttpCode(204)
  @CheckPolicy('update', 'Me')
  @ApiNoContentResponse()
  changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.me.changePassword(user, dto.currentPassword, dto.newPassword);
  }

  @Get('sessions')
  @CheckPolicy('read', 'Me')
  @ApiOkResponse({ type: [SessionDto] })
  sessions(@CurrentUser() user: AuthUser): Promise<SessionDto[]> {
    return this.me.listSessions(user);
  }

  @Delete('sessions/:id')
  @HttpCode(204)
  @CheckPolicy('update', 'Me')
  @ApiNoContentResponse()
  revokeSession(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    return this.me.revokeSession(user, id);
  }
}
