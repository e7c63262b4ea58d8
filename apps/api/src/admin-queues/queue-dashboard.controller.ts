import { All, Controller, Next, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { Roles } from '../auth/access.decorators';
import { QUEUE_DASHBOARD_PATH, QueueDashboard } from './queue-dashboard';

/**
 * The queue dashboard at /admin/queues (bull-board's page, assets and JSON API), for admins: an
 * admin's bearer token, or the cookie the console sets (dashboardCookieAsBearer), through the API's
 * guard. Not part of the OpenAPI document: it is bull-board's own interface.
 */
@ApiExcludeController()
@Controller(QUEUE_DASHBOARD_PATH.slice(1))
@Roles('admin')
export class QueueDashboardController {
  constructor(private readonly dashboard: QueueDashboard) {}

  @All(['', '{*path}'])
  serve(@Req() req: Request, @Res() res: Response, @Next() next: NextFunction): void {
    const rest = req.originalUrl.slice(QUEUE_DASHBOARD_PATH.length);
    req.url = rest.startsWith('/') ? rest : `/${rest}`;
    this.dashboard.router()(req, res, next);
  }
}
