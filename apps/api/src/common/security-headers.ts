import type { Express, RequestHandler } from 'express';
import helmet from 'helmet';

/** One year, with subdomains: sent only on requests that came over TLS (directly or through a trusted proxy). */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Security headers on every answer (Helmet): a Content-Security-Policy with no inline script and
 * `frame-ancestors 'none'` (and X-Frame-Options: DENY for older browsers), nosniff,
 * Referrer-Policy: no-referrer, and HSTS only when the request came over TLS. The consoles load
 * nothing but their own files, so `'self'` is the whole policy; the OpenAPI page (Swagger UI) also
 * needs inline styles and data: images, and gets them under /api/docs only (and the queue dashboard
 * under /admin/queues).
 */
export function installSecurityHeaders(app: Express): void {
  const directives = {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    upgradeInsecureRequests: null,
  };
  const common = {
    hsts: false,
    frameguard: { action: 'deny' as const },
    referrerPolicy: { policy: 'no-referrer' as const },
    crossOriginEmbedderPolicy: false,
  };
  const strict = helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives } });
  const docs = helmet({
    ...common,
    contentSecurityPolicy: { useDefaults: false, directives: { ...directives, styleSrc: ["'self'", "'unsafe-inline'"] } },
  });
  // The queue dashboard (bull-board, /admin/queues) styles its elements inline too; it still loads nothing from elsewhere (its web font is refused).
  const inlineStyles = (path: string) => path.startsWith('/api/docs') || path === '/admin/queues' || path.startsWith('/admin/queues/');
  const hsts: RequestHandler = (req, res, next) => {
    if (req.secure) res.setHeader('Strict-Transport-Security', HSTS);
    next();
  };
  app.use((req, res, next) => (inlineStyles(req.path) ? docs : strict)(req, res, next));
  app.use(hsts);
}
