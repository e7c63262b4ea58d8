import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The libraries' layering, read from the sources: the domain is the bottom and imports no other library;
 * persistence stores the domain's shapes and never the REST or socket contracts (libs/contracts is the
 * API's view of the domain, so entities that imported it would tie the schema to the wire format).
 */
const libs = resolve(__dirname, '..', '..');

const RULES: { lib: string; allowed: readonly string[] }[] = [
  { lib: 'domain', allowed: [] },
  { lib: 'persistence', allowed: ['@excon/domain', '@excon/config'] },
  { lib: 'msel-io', allowed: ['@excon/domain'] },
];

/** Every module a TypeScript source names: static and type imports, re-exports, dynamic imports, require. */
export function importedModules(source: string): string[] {
  const specifiers: string[] = [];
  const pattern = /(?:\bfrom|\bimport|\brequire)\s*\(?\s*['"]([^'"]+)['"]/g;
  for (const match of source.matchAll(pattern)) specifiers.push(match[1]);
  return specifiers;
}

function sourcesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourcesOf(path);
    // What ships: a spec may name other libraries (this one does, as samples).
    return /\.tsx?$/.test(entry.name) && !/\.spec\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The imports of `lib` that break its rule: another @excon library not allowed, or a relative path out of its src. */
function violations(lib: string, allowed: readonly string[]): string[] {
  const root = join(libs, lib, 'src');
  const files = sourcesOf(root);
  if (files.length === 0) throw new Error(`no sources under ${root}`);
  return files.flatMap((file) =>
    importedModules(readFileSync(file, 'utf8'))
      .filter((specifier) => {
        if (specifier.startsWith('.')) return !(resolve(dirname(file), specifier) + sep).startsWith(root + sep);
        if (!specifier.startsWith('@excon/')) return false;
        return !allowed.some((name) => specifier === name || specifier.startsWith(name + '/'));
      })
      .map((specifier) => `${relative(libs, file)} imports ${specifier}`),
  );
}

describe('library layering', () => {
  it('finds every form of import in a source', () => {
    const source = [
      `import type { Translations } from '@excon/contracts';`,
      `import { a,\n  b } from "@excon/engine";`,
      `export * from '../../contracts/src/rest.types';`,
      `const lazy = await import('@excon/queue');`,
      `const old = require('@excon/worker');`,
      `import './side-effect';`,
    ].join('\n');
    expect(importedModules(source)).toEqual([
      '@excon/contracts',
      '@excon/engine',
      '../../contracts/src/rest.types',
      '@excon/queue',
      '@excon/worker',
      './side-effect',
    ]);
  });

  it.each(RULES)('keeps libs/$lib to the libraries below it', ({ lib, allowed }) => {
    expect(violations(lib, allowed)).toEqual([]);
  });
});
