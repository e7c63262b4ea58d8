/**
 * Validates an AsyncAPI document (JSON on stdin) with @asyncapi/parser and prints its diagnostics as JSON.
 * Run as its own Node process (tests/api/asyncapi.test.ts), outside Jest's module loader, because of a
 * package-layout defect it works around here:
 *
 * the lockfile hoists ajv-errors (and ajv-draft-04) to the top of node_modules, where their peer `ajv`
 * resolves to the top-level ajv 8.13 (pinned there by @rushstack/node-core-library), while Spectral
 * (the parser's validator) runs its own nested ajv 8.20. ajv-errors then hands 8.13 code-generation
 * objects to 8.20, which prints them as JSON and fails to compile its own rules ("Unexpected token ':'").
 * Until the lockfile gets one ajv for both (an npm `overrides` entry), `ajv` asked for by a package at the
 * top of node_modules resolves here from @stoplight/spectral-core, the ajv that loads them.
 */
const Module = require('node:module');
const { dirname, join, sep } = require('node:path');

/** The package folder of a resolved file: `.../node_modules/ajv-errors/dist/index.js` → `.../node_modules/ajv-errors/`. */
const packageDir = (file, name) => file.slice(0, file.lastIndexOf(join('node_modules', name) + sep) + join('node_modules', name).length) + sep;
const spectralCore = require.resolve('@stoplight/spectral-core', { paths: [dirname(require.resolve('@asyncapi/parser'))] });
const hoistedPeers = ['ajv-errors', 'ajv-draft-04'].map((name) => packageDir(require.resolve(name, { paths: [dirname(spectralCore)] }), name));
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if ((request === 'ajv' || request.startsWith('ajv/')) && parent?.filename && hoistedPeers.some((dir) => parent.filename.startsWith(dir))) {
    return resolveFilename.call(this, request, { ...parent, paths: Module._nodeModulePaths(dirname(spectralCore)) }, ...rest);
  }
  return resolveFilename.call(this, request, parent, ...rest);
};

const { Parser } = require('@asyncapi/parser');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', async () => {
  const { diagnostics } = await new Parser().parse(input);
  process.stdout.write(JSON.stringify(diagnostics.map(({ code, message, path, severity }) => ({ code, message, path, severity }))));
});
