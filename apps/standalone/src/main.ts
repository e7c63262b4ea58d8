import { runMain } from '@excon/platform';
import { seedDemo } from '../../api/src/demo/demo-seed';
import { startPlatform } from './platform';

/** `npm start` (and `npm run demo`, which adds --demo): the API and the worker in one process. */
const demo = process.argv.includes('--demo');

runMain({
  start: startPlatform,
  started: async ({ app, port }, config) => {
    const where = `http://localhost:${port}`;
    const listening = `ExCon is listening on ${where} (API ${where}/api, OpenAPI ${where}/api/docs)\n`;
    return demo ? listening + (await seedDemo(app, where, config)) : listening;
  },
});
