/**
 * ts-jest AST transformer running the Nest Swagger CLI plugin (Nest docs, "CLI plugin" → "Integration with
 * ts-jest"), so sources loaded by Jest carry the same OpenAPI metadata as the `nest build` output. The
 * options are nest-cli.json's, passed in by jest.config.js.
 */
const plugin = require('@nestjs/swagger/plugin');

module.exports.name = 'nestjs-swagger-plugin';
// Part of ts-jest's cache key: a new @nestjs/swagger recompiles what the old one transformed.
module.exports.version = require('@nestjs/swagger/package.json').version;
module.exports.factory = (compiler, options) => {
  // The language service's current program (the one about to emit), not the one ts-jest started with:
  // the plugin asks its type checker about the nodes of the file being compiled.
  const program = compiler._languageService?.getProgram() ?? compiler.program;
  return plugin.before({ ...options }, program);
};
