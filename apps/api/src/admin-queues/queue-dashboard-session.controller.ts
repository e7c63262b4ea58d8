import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiErrorResponses } from '../api-docs/api-error-responses';
import { Roles } from '../auth/access.decorators';
import { TokenService } from '../auth/token.service';
import { QUEUE_DASHBOARD_COOKIE, QUEUE_DASHBOARD_COOKIE_SECONDS, QUEUE_DASHBOARD_PATH } from './queue-dashboard';

/** Seconds until a (verified) token's `exp`. */
function secondsLeft(token: string): number {
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { exp?: unknown };
  return typeof claims.exp === 'number' ? Math.max(0, Math.floor(claims.exp - Date.now() / 1000)) : 0;
}

/**
 * How the console opens the queue dashboard in a browser tab, which cannot send a bearer header: it
 * POSTs here with its token and gets that token back as a cookie that only /admin/queues receives
 * (HttpOnly, SameSite=Strict, Secure over TLS), for at most half an hour. The dashboard checks it with
 * the API's guard, so a token the API refuses is refused there too.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('queue-dashboard')
export class QueueDashboardSessionController {
  @Post('session')
  @Roles('admin')
  @HttpCode(204)
  @ApiNoContentResponse({ description: `Sets the ${QUEUE_DASHBOARD_COOKIE} cookie for ${QUEUE_DASHBOARD_PATH}` })
  @ApiErrorResponses(401, 403, 500, 503)
  open(@Req() req: Request, @Res({ passthrough: true }) res: Response): void {
    const token = TokenService.fromHeader(req.headers.authorization) as string;
    res.cookie(QUEUE_DASHBOARD_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure,
      path: QUEUE_DASHBOARD_PATH,
      maxAge: Math.min(QUEUE_DASHBOARD_COOKIE_SECONDS, secondsLeft(token)) * 1000,
    });
  }
}
