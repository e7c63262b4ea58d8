import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Where `vite dev` forwards /api and /socket.io (a running ExCon, e.g. `npm run demo` with PORT=3960). */
const apiTarget = process.env.EXCON_CONSOLE_API ?? 'http://127.0.0.1:3960';

/**
 * The browser consoles, built to static files (apps/console/dist) that the API serves at `/`.
 * Run from the repository root: `vite build --config apps/console/vite.config.ts`.
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [preact({ devToolsEnabled: false, prefreshEnabled: true })],
  resolve: {
    alias: [
      // Plain-TS libraries shared with the server (types and pure functions only).
      { find: /^@excon\/contracts$/, replacement: here('../../libs/contracts/src/index.ts') },
      { find: /^@excon\/domain$/, replacement: here('../../libs/domain/src/index.ts') },
      { find: /^@excon\/domain\/(.*)$/, replacement: here('../../libs/domain/src/$1') },
    ],
  },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    assetsInlineLimit: 0,
    reportCompressedSize: true,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/socket.io': { target: apiTarget, ws: true },
    },
  },
});
