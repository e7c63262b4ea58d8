import { RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Params } from 'nestjs-pino';
import type { Options } from 'pino-http';
import PinoPretty from 'pino-pretty';
import type { AppConfig, LogFormat } from '@excon/config';

type RequestLevel = 'error' | 'warn' | 'info' | 'debug';

/** The caller's X-Request-Id when it is a plain token (echoed back), a fresh UUID otherwise. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

/**
 * The level of the line a finished request writes: failures always show (5xx as errors, 4xx as
 * warnings); a success is an access-log line at info in JSON (what a log pipeline keeps), and at debug
 * in the pretty format, so a terminal (`npm run demo`) shows the start-up and what went wrong, not every
 * poll of the consoles. EXCON_LOG_LEVEL=debug shows them all.
 */
export function requestLogLevel(format: LogFormat, statusCode: number, error?: Error): RequestLevel {
  if (error || statusCode >= 500) return 'error';
  if (statusCode >= 400) return 'warn';
  return format === 'pretty' ? 'debug' : 'info';
}

/** `GET /api/exercises 200 12 ms`: the message of a request's line, in both formats. */
export function requestLine(req: IncomingMessage, statusCode: number, ms: number): string {
  const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url;
  return `${req.method} ${url} ${statusCode} ${ms} ms`;
}

/**
 * One short line per event on a terminal: `[12:04:05] WARN: GET /api/scenarios 403 2 ms`. The request
 * and response objects (headers and all) stay out of these lines; they are in the JSON lines.
 */
function prettyStream(): PinoPretty.PrettyStream {
  return PinoPretty({
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,context,req,res,responseTime,reqId',
    messageFormat: '{if context}{context}: {end}{msg}',
    // Synchronous: a line written just before exit (a shutdown, a start-up failure) is not lost.
    sync: true,
  });
}

/** nestjs-pino's set-up for every process: JSON lines or pretty lines (config.logFormat), requests logged as above. */
export function loggerParams(config: AppConfig): Params {
  const format = config.logFormat;
  const options: Options = {
    level: config.logLevel,
    genReqId: requestId,
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    // The response's status is what a request's line needs; its headers (CSP and the rest) are the same every time.
    serializers: { res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }) },
    autoLogging: { ignore: (req) => req.url === '/api/health' },
    customLogLevel: (_req, res, error) => requestLogLevel(format, res.statusCode, error),
    customSuccessMessage: (req, res, ms) => requestLine(req, res.statusCode, ms),
    // pino-http passes the time as a fourth argument its types leave out.
    customErrorMessage: ((req: IncomingMessage, res: ServerResponse, _error: Error, ms: number) =>
      requestLine(req, res.statusCode, ms)) as Options['customErrorMessage'],
    // On a terminal a failed request's line is its message alone: the error itself (with its id) is
    // logged by the exception filter, and pino-http's stand-in ("failed with status code 500") says nothing more.
    ...(format === 'pretty'
      ? {
          customErrorObject: (_req: IncomingMessage, _res: ServerResponse, _error: Error, value: Record<string, unknown>) => ({
            ...value,
            err: undefined,
          }),
        }
      : {}),
  };
  return {
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: format === 'pretty' ? [options, prettyStream()] : options,
  };
}
