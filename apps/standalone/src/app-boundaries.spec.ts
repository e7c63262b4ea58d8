import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * STYLE.md: each role has its own entry point and no app imports another app; apps/standalone, which runs
 * the API and the worker in one process, is the one place where they meet. Libraries import no app.
 */
const ROOT = resolve(__dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(path);
    // Specs are left out: they hold sample sources with the very imports they forbid.
    return /\.(ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Every module specifier of a file: import/export ... from, bare imports, import(), require(). */
function specifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\bfrom\s+['"]([^'"]+)['"]/g,
    /\bimport\s+['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.push(match[1]);
  return found;
}

/** The app (apps/<name>) a specifier of `file` reaches, if any: relative paths and the old @excon/worker alias. */
function appReached(file: string, specifier: string): string | null {
  if (specifier === '@excon/worker' || specifier.startsWith('@excon/worker/')) return 'worker';
  if (!specifier.startsWith('.')) return null;
  const parts = relative(ROOT, resolve(dirname(file), specifier)).split(sep);
  return parts[0] === 'apps' && parts.length > 1 ? parts[1] : null;
}

/** `file: specifier` for every import under `dir` that reaches an app other than `own`. */
function importsOfOtherApps(dir: string, own: string | null): string[] {
  return sourceFiles(join(ROOT, dir)).flatMap((file) =>
    specifiers(readFileSync(file, 'utf8'))
      .filter((specifier) => {
        const app = appReached(file, specifier);
        return app !== null && app !== own;
      })
      .map((specifier) => `${relative(ROOT, file)}: ${specifier}`),
  );
}

describe('app boundaries', () => {
  it.each(['api', 'worker', 'console'])('apps/%s imports no other app', (app) => {
    expect(importsOfOtherApps(`apps/${app}`, app)).toEqual([]);
  });

  it('libs/ import no app', () => {
    expect(importsOfOtherApps('libs', null)).toEqual([]);
  });

  it('sees the imports it forbids: apps/standalone composes both roles', () => {
    const found = importsOfOtherApps('apps/standalone', 'standalone');
    expect(found).toEqual(expect.arrayContaining([expect.stringContaining('../../api/src/'), expect.stringContaining('../../worker/src/')]));
    expect(appReached(join(ROOT, 'apps/api/src/main.ts'), '@excon/worker')).toBe('worker');
  });
});
