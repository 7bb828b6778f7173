import {
  Controller,
  Get,
  HttpCode,
  Inject,
  Logger,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ApiFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../core/authz/decorators';
import { APP_CONFIG, AppConfig } from '../../core/config/config';
import { ApiProblems } from '../../core/errors/api-problems';
import { OidcLoginError, type OidcLoginErrorCode } from './oidc-login-error';
import { AuthMethodsDto, OidcStartQuery } from './oidc.dto';
import { OIDC_STATE_MINUTES, OidcService } from './oidc.service';

/** The browser's half of a sign-in in progress (its `state`); see OidcLoginStateEntity. */
export const OIDC_STATE_COOKIE = 'varn_oidc';
const STATE_COOKIE_PATH = '/api/auth/oidc';
/** The sign-in page; `fel` carries an OidcLoginErrorCode for the page to translate. */
const LOGIN_PAGE = '/logga-in';

/**
 * Single sign-on. `start` and `callback` are browser navigations, not API calls: they answer
 * with redirects, and a failure sends the browser back to the sign-in page with an error code —
 * never a problem+json page, a stack trace or a 5xx.
 */
@ApiTags('auth')
@Controller('auth')
export class OidcController {
  private readonly logger = new Logger('OidcController');

  constructor(
    private readonly oidc: OidcService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('methods')
  @Public()
  @ApiOperation({ summary: 'The ways of signing in that are on (for the sign-in page)' })
  @ApiOkResponse({ type: AuthMethodsDto })
  @ApiProblems([400, 'bad_request'])
  methods(): AuthMethodsDto {
    return this.oidc.methods();
  }

  @Get('oidc/start')
  @Public()
  // every start writes a row: the same per-address brake as password sign-in
  @UseGuards(ThrottlerGuard)
  @HttpCode(302)
  @ApiOperation({
    summary:
      "Single sign-on: redirects to the organisation's identity provider (authorization code + PKCE)",
  })
  @ApiFoundResponse({
    description:
      'To the identity provider; or to /logga-in?fel=<code> when single sign-on is off or unavailable',
  })
  @ApiProblems([400, 'validation_failed', 'bad_request'], [429, 'too_many_requests'])
  async start(
    @Query() query: OidcStartQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    try {
      const { url, state } = await this.oidc.start(query.returnUrl);
      res.cookie(OIDC_STATE_COOKIE, state, {
        httpOnly: true,
        // Lax, not Strict: the IdP sends the browser back with a cross-site navigation, which
        // must carry this cookie (the session cookie set afterwards stays Strict)
        sameSite: 'lax',
        secure: this.secure(req),
        path: STATE_COOKIE_PATH,
        maxAge: OIDC_STATE_MINUTES * 60_000,
      });
      res.redirect(302, url);
    } catch (err) {
      this.fail(res, req, err);
    }
  }

  @Get('oidc/callback')
  @Public()
  @UseGuards(ThrottlerGuard)
  @HttpCode(302)
  @ApiOperation({
    summary:
      'Single sign-on: where the identity provider sends the browser back; signs in and redirects into Värn',
  })
  @ApiFoundResponse({
    description:
      'Signed in (the session cookie is set) and on to the page asked for; or to /logga-in?fel=<code>',
  })
  @ApiProblems([400, 'bad_request'], [429, 'too_many_requests'])
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const cookies = req.cookies as Record<string, string> | undefined;
    const cookieState = cookies?.[OIDC_STATE_COOKIE];
    // whatever happens, this sign-in is over: the state cookie goes
    res.clearCookie(OIDC_STATE_COOKIE, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secure(req),
      path: STATE_COOKIE_PATH,
    });
    const q = req.originalUrl.indexOf('?');
    // bounded: the IdP's answer is a few hundred characters; anything huge is not from it
    const query = q < 0 ? '' : req.originalUrl.slice(q + 1, q + 1 + 8000);
    try {
      const { token, returnTo } = await this.oidc.callback(query, cookieState);
      res.cookie(this.config.session.cookieName, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: this.secure(req),
        path: '/',
      });
      res.redirect(302, returnTo);
    } catch (err) {
      this.fail(res, req, err);
    }
  }

  /** Back to the sign-in page with a code the page translates; unexpected errors are logged. */
  private fail(res: Response, req: Request, err: unknown): void {
    let code: OidcLoginErrorCode = 'oidc_unavailable';
    if (err instanceof OidcLoginError) code = err.code;
    else
      this.logger.error(
        `single sign-on failed (${req.method} ${req.path}): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
    res.redirect(302, `${LOGIN_PAGE}?fel=${code}`);
  }

  private secure(req: Request): boolean {
    const mode = this.config.session.cookieSecure;
    return mode === 'always' || (mode === 'auto' && req.secure);
  }
}
