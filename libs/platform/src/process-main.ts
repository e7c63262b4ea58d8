import { ConfigError, configWarnings, loadConfig, type AppConfig } from '@excon/config';
import { ExconLogger } from './logging/excon-logger';
import type { RunningPlatform } from './start-process';

export interface ProcessEntry {
  /** Boots the process (startProcess with its roles); `log` takes the embedded PostgreSQL's output. */
  start(config: AppConfig, log: (line: string) => void): Promise<RunningPlatform>;
  /** Once it listens: what to tell whoever started it (where it listens, the demo's logins). */
  started(platform: RunningPlatform, config: AppConfig): Promise<string> | string;
}

const verbose = (config: AppConfig | undefined) => config?.logLevel === 'debug' || config?.logLevel === 'trace';

/**
 * Text for a person: as it is on a terminal (pretty format), as one log entry in JSON lines, so that
 * standard output stays one JSON object per line for a log pipeline.
 */
function announce(platform: RunningPlatform, config: AppConfig, text: string): void {
  const line = text.endsWith('\n') ? text : `${text}\n`;
  if (config.logFormat === 'pretty') return void process.stdout.write(line);
  platform.app.get(ExconLogger).log(text.trimEnd(), 'ExCon');
  // At EXCON_LOG_LEVEL=warn or above the info entry is not written: whoever started the process still
  // learns where it listens (the benchmarks wait for that line).
  if (!INFO_SHOWN.has(config.logLevel)) process.stderr.write(line);
}

const INFO_SHOWN = new Set<AppConfig['logLevel']>(['trace', 'debug', 'info']);

/**
 * The main() of every entry point: loads the config (a bad value is one line naming it), prints its
 * warnings, starts, and on SIGTERM or SIGINT stops cleanly (exit 0), giving up after 30 s (exit 1).
 * Start-up failures are one line on stderr (the stack too at EXCON_LOG_LEVEL=debug or trace).
 */
export function runMain(entry: ProcessEntry): void {
  let loaded: AppConfig | undefined;
  const main = async () => {
    const config = loadConfig(process.env);
    loaded = config;
    for (const warning of configWarnings(config)) process.stderr.write(`excon: WARNING: ${warning}\n`);
    let platform: RunningPlatform | undefined = undefined; // set once started; read by a signal during start-up
    let exiting = false;
    const shutdown = (signal: string) => {
      if (exiting) return;
      exiting = true;
      process.stderr.write(`excon: ${signal} received, shutting down\n`);
      const forced = setTimeout(() => process.exit(1), 30_000);
      forced.unref();
      void (platform?.stop() ?? Promise.resolve()).then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`excon: shutdown failed: ${(error as Error).message}\n`);
          process.exit(1);
        },
      );
    };
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    process.on('SIGINT', () => shutdown('SIGINT'));
    platform = await entry.start(config, (line) => {
      if (verbose(config)) process.stderr.write(`postgres: ${line}\n`);
    });
    if (exiting) return;
    announce(platform, config, await entry.started(platform, config));
  };
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`excon: ${error.message}\n`);
    } else {
      const detail = error instanceof Error ? (verbose(loaded) ? (error.stack ?? error.message) : error.message.split('\n')[0]) : String(error);
      process.stderr.write(`excon: start-up failed: ${detail}\n`);
    }
    process.exit(1);
  });
}
