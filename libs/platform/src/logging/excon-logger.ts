import { Injectable } from '@nestjs/common';
import { Logger } from 'nestjs-pino';

/**
 * Nest's own start-up chatter (a line per module initialised, per controller and per route mapped: some
 * eighty lines) goes to debug, so a start shows ExCon's lines (migrations applied, the administrator
 * created, where it listens) and any warning. EXCON_LOG_LEVEL=debug shows them again.
 */
const NEST_START_UP_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'WebSocketsController',
  'NestApplication',
]);

/** nestjs-pino's Logger, with Nest's start-up lines demoted to debug. */
@Injectable()
export class ExconLogger extends Logger {
  override log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams.at(-1);
    if (typeof context === 'string' && NEST_START_UP_CONTEXTS.has(context)) super.debug(message, ...optionalParams);
    else super.log(message, ...optionalParams);
  }
}
