import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AppAbility } from '../../core/authz/ability';
import {
  CheckPolicy,
  CurrentAbility,
  CurrentUser,
  SecondFactorStep,
} from '../../core/authz/decorators';
import type { AuthUser } from '../../core/authz/roles';
import { APP_CONFIG, AppConfig } from '../../core/config/config';
import { ApiProblems } from '../../core/errors/api-problems';
import { Problem } from '../../core/errors/problem';
import {
  EnrolmentDto,
  RecoveryCodesDto,
  SecondFactorStatusDto,
  TotpCodeDto,
  VerifySecondFactorDto,
} from './dto/second-factor.dto';
import { SecondFactorService } from './second-factor.service';

class VerifiedDto {
  @ApiProperty() recoveryCodesLeft: number;
}

/**
 * The second factor: enrolment and the code after the password (the only routes, with GET
 * /api/me, that a session owing its second factor may call — @SecondFactorStep), the user's own
 * recovery codes, and the administrator's reset. Steps that complete the sign-in replace the
 * session cookie.
 */
@ApiTags('auth')
@Controller()
export class SecondFactorController {
  constructor(
    private readonly factors: SecondFactorService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('auth/second-factor/enrol')
  @HttpCode(200)
  @SecondFactorStep()
  @CheckPolicy('create', 'SecondFactor')
  @ApiOkResponse({ type: EnrolmentDto })
  @ApiOperation({ summary: 'Start enrolling an authenticator app: a new secret and its QR code' })
  @ApiProblems(403, [409, 'second_factor_enrolled', 'second_factor_not_required'])
  enrol(@CurrentUser() user: AuthUser): Promise<EnrolmentDto> {
    return this.factors.startEnrolment(user);
  }

  @Post('auth/second-factor/enrol/confirm')
  @HttpCode(200)
  @SecondFactorStep()
  @CheckPolicy('create', 'SecondFactor')
  @ApiOkResponse({
    type: RecoveryCodesDto,
    description: 'Enrolled; the session cookie is replaced',
  })
  @ApiOperation({ summary: 'Confirm enrolment with a code from the app; returns recovery codes' })
  @ApiProblems(
    [400, 'validation_failed', 'invalid_code'],
    403,
    [409, 'second_factor_enrolled', 'second_factor_not_enrolled', 'second_factor_not_required'],
    [429, 'account_locked'],
  )
  async confirm(
    @CurrentUser() user: AuthUser,
    @Body() dto: TotpCodeDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RecoveryCodesDto> {
    const { token, recoveryCodes } = await this.factors.confirmEnrolment(
      user,
      dto.code,
      this.token(req),
    );
    this.setCookie(req, res, token);
    return { recoveryCodes };
  }

  @Post('auth/second-factor/verify')
  @HttpCode(200)
  @SecondFactorStep()
  @CheckPolicy('update', 'SecondFactor')
  @ApiOkResponse({ type: VerifiedDto, description: 'Signed in; the session cookie is replaced' })
  @ApiOperation({ summary: 'Give the second factor: a code from the app or a recovery code' })
  @ApiProblems(
    [400, 'validation_failed', 'bad_request', 'invalid_code'],
    403,
    [409, 'second_factor_not_enrolled', 'second_factor_not_required'],
    [429, 'account_locked'],
  )
  async verify(
    @CurrentUser() user: AuthUser,
    @Body() dto: VerifySecondFactorDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<VerifiedDto> {
    const { token, recoveryCodesLeft } = await this.factors.verify(user, dto, this.token(req));
    this.setCookie(req, res, token);
    return { recoveryCodesLeft };
  }

  @Get('me/second-factor')
  @CheckPolicy('read', 'SecondFactor')
  @ApiOkResponse({ type: SecondFactorStatusDto })
  @ApiOperation({ summary: "The signed-in user's second factor: enrolled, recovery codes left" })
  status(@CurrentUser() user: AuthUser): Promise<SecondFactorStatusDto> {
    return this.factors.status(user);
  }

  @Post('me/second-factor/recovery-codes')
  @HttpCode(200)
  @CheckPolicy('update', 'SecondFactor')
  @ApiOkResponse({ type: RecoveryCodesDto })
  @ApiOperation({ summary: 'New recovery codes (the old ones stop working); needs a current code' })
  @ApiProblems(
    [400, 'validation_failed', 'invalid_code'],
    [409, 'second_factor_not_enrolled'],
    [429, 'account_locked'],
  )
  regenerate(@CurrentUser() user: AuthUser, @Body() dto: TotpCodeDto): Promise<RecoveryCodesDto> {
    return this.factors.regenerateCodes(user, dto.code);
  }

  @Delete('users/:id/second-factor')
  @HttpCode(204)
  @CheckPolicy('delete', 'SecondFactor')
  @ApiNoContentResponse()
  @ApiOperation({ summary: "Reset a user's second factor (they enrol again; their sessions end)" })
  @ApiProblems(400, 403, 404)
  reset(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthUser,
    @CurrentAbility() ability: AppAbility,
  ): Promise<void> {
    return this.factors.reset(id, user, ability);
  }

  private token(req: Request): string {
    const token = (req.cookies as Record<string, string> | undefined)?.[
      this.config.session.cookieName
    ];
    // the guard authenticated this request by the cookie, so it is there
    if (!token) throw new Problem(HttpStatus.UNAUTHORIZED, 'unauthenticated', 'Ingen session.');
    return token;
  }

  /** The same cookie attributes as sign-in sets (auth.controller.ts). */
  private setCookie(req: Request, res: Response, token: string): void {
    const mode = this.config.session.cookieSecure;
    res.cookie(this.config.session.cookieName, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: mode === 'always' || (mode === 'auto' && req.secure),
      path: '/',
    });
  }
}
