/**
 * Prints the TypeScript types that openapi-typescript (its Node API: openapiTS + astToString) generates
 * from the OpenAPI document on stdin. A Node process of its own (tests/api/openapi.test.ts): the package
 * needs ESM-only dependencies (parse-json), which Jest's CommonJS module loader cannot require.
 */
import openapiTS, { astToString } from 'openapi-typescript';

let input = '';
for await (const chunk of process.stdin) input += chunk;
// defaultNonNullable off: a request field with a default (speed) stays optional, as the contracts have it.
process.stdout.write(astToString(await openapiTS(input, { defaultNonNullable: false, silent: true })));
