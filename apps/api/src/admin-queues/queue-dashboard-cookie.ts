import type { NextFunction, Request, Response } from 'express';
import { QUEUE_DASHBOARD_COOKIE } from './queue-dashboard';

/** The value of one cookie of a Cookie header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0 || part.slice(0, at).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(at + 1).trim()) || null;
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * For the dashboard's routes only: a request without an Authorization header but with the dashboard
 * cookie (a browser tab the console opened) is checked as if it had sent the cookie's token as its
 * bearer token, so the API's own guard (AuthGuard, @Roles('admin')) decides, with the same rules.
 */
export function dashboardCookieAsBearer(req: Request, _res: Response, next: NextFunction): void {
  if (!req.headers.authorization) {
    const token = readCookie(req.headers.cookie, QUEUE_DASHBOARD_COOKIE);
    if (token) req.headers.authorization = `Bearer ${token}`;
  }
  next();
}
