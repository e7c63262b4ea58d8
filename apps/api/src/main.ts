import { ConfigError, configWarnings, loadConfig, type AppConfig } from '@excon/config';
import { startPlatform, type RunningPlatform } from './platform';
import { seedDemo } from './demo/demo-seed';

/** Kept for the start-up error handler: how much of an error to print. */
let loaded: AppConfig | undefined;

/** `npm start` (and `npm run demo`, which adds --demo): the whole platform in one process unless EXCON_ROLES says otherwise. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  loaded = config;
  const demo = process.argv.includes('--demo');
  for (const warning of configWarnings(config)) process.stderr.write(`excon: WARNING: ${warning}\n`);
  let platform: RunningPlatform | undefined;
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
  platform = await startPlatform(config, (line) => {
    if (config.logLevel === 'debug' || config.logLevel === 'trace') process.stderr.write(`postgres: ${line}\n`);
  });
  if (exiting) return;
  const where = `http://localhost:${platform.port}`;
  process.stdout.write(`ExCon is listening on ${where} (API ${where}/api, OpenAPI ${where}/api/docs)\n`);
  if (demo) process.stdout.write(await seedDemo(platform.app, where, config));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`excon: ${error.message}\n`);
  } else {
    const verbose = loaded?.logLevel === 'debug' || loaded?.logLevel === 'trace';
    const detail = error instanceof Error ? (verbose ? (error.stack ?? error.message) : error.message.split('\n')[0]) : String(error);
    process.stderr.write(`excon: start-up failed: ${detail}\n`);
  }
  process.exit(1);
});
