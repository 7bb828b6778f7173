import { Body, Controller, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ApiNoContentResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { ApiProblems } from '../core/errors/api-problems';
import type { Request, Response } from 'express';
import { AuthenticatedRequest, Public } from '../core/authz/decorators';
import { APP_CONFIG, AppConfig } from '../core/config/config';
import { AuthService } from './auth.service';
import { LoginDto, MeDto } from './dto/auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @UseGuards(ThrottlerGuard)
  @HttpCode(200)
  @ApiOkResponse({ type: MeDto, description: 'Signed in; the session cookie is set' })
  @ApiOperation({ summary: 'Sign in with username and password; sets the session cookie' })
  @ApiProblems(
    [400, 'validation_failed', 'bad_request'],
    [401, 'invalid_credentials'],
    [403, 'account_disabled', 'password_login_disabled'],
    [429, 'too_many_requests'],
  )
  async login(
    @Body() dto: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeDto> {
    const { token, me } = await this.auth.login(dto.username, dto.password);
    res.cookie(this.config.session.cookieName, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.secure(req),
      path: '/',
    });
    return me;
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiOperation({ summary: 'Sign out: ends the session and clears the cookie' })
  @ApiProblems([400, 'bad_request'])
  async logout(
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    const token = (req.cookies as Record<string, string> | undefined)?.[
      this.config.session.cookieName
    ];
    await this.auth.logout(token);
    res.clearCookie(this.config.session.cookieName, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.secure(req),
      path: '/',
    });
  }

  private secure(req: Request): boolean {
    const mode = this.config.session.cookieSecure;
    return mode === 'always' || (mode === 'auto' && req.secure);
  }
}
