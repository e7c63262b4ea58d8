import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { registeredRoutes } from '../support/http-routes';
import { serverEnv, startServer, stopRunning, type RunningServer } from '../support/remote-setup';
import { assertServerBuilt } from '../support/server-process';
import { createTestDatabase, startTestPlatform, uniqueName, type TestPlatform } from '../support/test-platform';

/**
 * Issue 9 item 3: /api/docs/json describes every route with real schemas (requests, responses, errors),
 * is the same document whether the server runs from the sources (ts-jest, with the Swagger plugin as an
 * AST transformer) or from `nest build`, and yields a TypeScript client whose types are the contracts'.
 */

type Json = Record<string, unknown>;
interface Operation {
  method: string;
  path: string;
  operation: {
    parameters?: { name: string; in: string; required?: boolean; schema?: Json }[];
    requestBody?: { content?: Record<string, { schema?: Json }> };
    responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
    security?: unknown[];
  };
}

const ROOT = resolve(__dirname, '../..');
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
/** Every route but these two needs a token (CONTRACT.md "Conventions"). */
/** The calendar feed's URL holds its secret: no token, and a wrong secret is a 404, not a 400. */
const PUBLIC = ['POST /api/auth/login', 'POST /api/auth/refresh', 'GET /api/health', 'GET /api/plan/feed/{secret}.ics'];
const API_ERROR = '#/components/schemas/ApiError';
const BINARY = ['application/pdf', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

function operationsOf(doc: Json): Operation[] {
  return Object.entries(doc.paths as Record<string, Record<string, Operation['operation']>>).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
}

const nameOf = (op: Operation) => `${op.method} ${op.path}`;

/** Every schema object in the document, with where it sits (`properties`, `items`, `allOf`… followed). */
function schemasOf(doc: Json): { at: string; schema: Json }[] {
  const found: { at: string; schema: Json }[] = [];
  const visitSchema = (schema: Json, at: string): void => {
    found.push({ at, schema });
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties')
        for (const [name, child] of Object.entries(value as Record<string, Json>)) visitSchema(child, `${at}.properties.${name}`);
      else if (key === 'items' || key === 'not' || (key === 'additionalProperties' && typeof value === 'object'))
        visitSchema(value as Json, `${at}.${key}`);
      else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf')
        (value as Json[]).forEach((child, i) => visitSchema(child, `${at}.${key}[${i}]`));
    }
  };
  // Outside components, schemas sit under a `schema` key (parameters, headers, media types).
  const visit = (value: unknown, at: string): void => {
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, `${at}[${i}]`));
    else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value as Json)) {
        if (key === 'schema' && typeof child === 'object' && child !== null) visitSchema(child as Json, `${at}.schema`);
        else if (key !== 'example' && key !== 'examples') visit(child, `${at}.${key}`);
      }
    }
  };
  visit(doc.paths, 'paths');
  for (const [name, schema] of Object.entries((doc.components as { schemas: Record<string, Json> }).schemas))
    visitSchema(schema, `components.schemas.${name}`);
  return found;
}

/** A schema that says nothing about its value: `{}`, `{"type": "object"}` without properties, and the like. */
function isEmptySchema(schema: Json): boolean {
  const saying = Object.keys(schema).filter(
    (key) => !['description', 'example', 'examples', 'nullable', 'title', 'default', 'deprecated', 'readOnly', 'writeOnly'].includes(key),
  );
  if (saying.length === 0) return true;
  if (schema.type === 'object') {
    const properties = schema.properties as Json | undefined;
    return (!properties || Object.keys(properties).length === 0) && schema.additionalProperties === undefined;
  }
  return false;
}

function refsOf(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => refsOf(item, found));
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value as Json)) {
      if (key === '$ref' && typeof child === 'string') found.push(child);
      else refsOf(child, found);
    }
  }
  return found;
}

function resolvePointer(doc: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, part) => (node !== null && typeof node === 'object' ? (node as Json)[part] : undefined), doc);
}

/** openapi-typescript's client types for the document (tests/support/openapi-client.mjs, in a Node process of its own). */
function generateClient(doc: Json): string {
  const result = spawnSync(process.execPath, [join(__dirname, '../support/openapi-client.mjs')], {
    input: JSON.stringify(doc),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`openapi-typescript failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

/** Type-checks `files` (name → source) in a temporary folder with the project's compiler options and path aliases. */
function typeCheck(files: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'excon-openapi-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const configFile = ts.readConfigFile(join(ROOT, 'tsconfig.json'), (path) => ts.sys.readFile(path));
    const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, ROOT);
    const roots = Object.keys(files)
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
      .map((name) => join(dir, name));
    const program = ts.createProgram(roots, { ...options, noEmit: true, incremental: false });
    return ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file ? `${d.file.fileName.replace(dir, '<client>')}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the OpenAPI document', () => {
  let t: TestPlatform;
  let doc: Json;
  let operations: Operation[];

  beforeAll(async () => {
    t = await startTestPlatform();
    const response = await t.http().get('/api/docs/json');
    expect(response.status).toBe(200);
    doc = response.body as Json;
    operations = operationsOf(doc);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('describes every route the app answers, and no other', () => {
    const isDocs = (path: string) => path === '/api/docs' || path.startsWith('/api/docs/') || path.startsWith('/api/docs-');
    const routes = registeredRoutes(t)
      .filter((r) => (r.path.startsWith('/api/') && !isDocs(r.path)) || r.path === '/metrics')
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(routes.length).toBeGreaterThanOrEqual(30);
    expect(operations.map(nameOf).sort()).toEqual([...new Set(routes)].sort());
  });

  it('gives every operation a 2xx response with a schema (a binary content type for files, none for a 204)', () => {
    for (const op of operations) {
      const successes = Object.entries(op.operation.responses).filter(([status]) => /^2\d\d$/.test(status));
      // One success per operation, but for the import: 201 with the scenario, or 200 with a dry run's preview.
      const expected = nameOf(op) === 'POST /api/scenarios/import' ? ['200', '201'] : [successes[0]?.[0] ?? 'none'];
      expect({ op: nameOf(op), successes: successes.map(([s]) => s) }).toEqual({ op: nameOf(op), successes: expected });
      for (const [status, response] of successes) {
        if (status === '204') {
          expect({ op: nameOf(op), content: response.content }).toEqual({ op: nameOf(op), content: undefined });
          continue;
        }
        const content = Object.entries(response.content ?? {});
        expect({ op: nameOf(op), contentTypes: content.length > 0 }).toEqual({ op: nameOf(op), contentTypes: true });
        for (const [type, media] of content) {
          const described = BINARY.includes(type) ? media.schema?.format === 'binary' : media.schema !== undefined && !isEmptySchema(media.schema);
          expect({ op: nameOf(op), type, described }).toEqual({ op: nameOf(op), type, described: true });
        }
      }
    }
  });

  it('gives the report its JSON schema and its CSV and PDF content types', () => {
    const report = operations.find((op) => nameOf(op) === 'GET /api/exercises/{id}/report');
    const content = report?.operation.responses['200'].content ?? {};
    expect(Object.keys(content).sort()).toEqual([
      'application/json',
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'text/csv',
    ]);
    expect(content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ExerciseReport' });
    expect(content['application/pdf'].schema).toEqual(expect.objectContaining({ type: 'string', format: 'binary' }));
    expect(report?.operation.parameters?.find((p) => p.in === 'query')).toEqual(
      expect.objectContaining({ name: 'format', schema: expect.objectContaining({ enum: ['json', 'csv', 'pdf', 'docx'] }) }),
    );
  });

  it('gives every request body a JSON schema that names its fields', () => {
    const withBody = operations.filter((op) => op.operation.requestBody);
    expect(withBody.length).toBeGreaterThanOrEqual(12);
    for (const op of withBody) {
      // Uploads (the MSEL import) are multipart/form-data; every other body is JSON.
      const content = op.operation.requestBody?.content;
      const schema = (content?.['application/json'] ?? content?.['multipart/form-data'])?.schema;
      const target = schema?.$ref ? (resolvePointer(doc, schema.$ref as string) as Json | undefined) : schema;
      const fields = Object.keys((target?.properties as Json | undefined) ?? {});
      expect({ op: nameOf(op), fields: fields.length > 0 }).toEqual({ op: nameOf(op), fields: true });
    }
    const create = operations.find((op) => nameOf(op) === 'POST /api/exercises')?.operation.requestBody?.content?.['application/json']?.schema;
    expect(resolvePointer(doc, create?.$ref as string)).toEqual(expect.objectContaining({ required: ['scenarioId'] }));
  });

  it('resolves every $ref', () => {
    const refs = [...new Set(refsOf(doc))];
    expect(refs.length).toBeGreaterThan(20);
    const dangling = refs.filter((ref) => resolvePointer(doc, ref) === undefined);
    expect(dangling).toEqual([]);
  });

  it('has no empty schema anywhere', () => {
    const schemas = schemasOf(doc);
    expect(schemas.length).toBeGreaterThan(200);
    expect(schemas.filter(({ schema }) => isEmptySchema(schema)).map(({ at }) => at)).toEqual([]);
  });

  it('answers every 4xx and 5xx with the ApiError schema of the exception filter', () => {
    const apiError = resolvePointer(doc, API_ERROR) as Json;
    expect(Object.keys(apiError.properties as Json).sort()).toEqual(['details', 'error', 'message', 'statusCode']);
    expect(apiError.required).toEqual(['statusCode', 'error', 'message']);
    for (const op of operations) {
      const errors = Object.entries(op.operation.responses).filter(([status]) => /^[45]\d\d$/.test(status));
      expect({ op: nameOf(op), errors: errors.length > 0 }).toEqual({ op: nameOf(op), errors: true });
      for (const [status, response] of errors) {
        // The health check answers 503 with its own report, which says what is down.
        const expected = nameOf(op) === 'GET /api/health' && status === '503' ? '#/components/schemas/HealthReport' : API_ERROR;
        expect({ op: nameOf(op), status, content: response.content }).toEqual({
          op: nameOf(op),
          status,
          content: { 'application/json': expect.objectContaining({ schema: { $ref: expected } }) },
        });
      }
    }
  });

  it('documents the errors the guard, the pipes and the body parser give on each route', () => {
    for (const op of operations) {
      const statuses = Object.keys(op.operation.responses);
      const expected = ['500', '503'];
      if (!PUBLIC.includes(nameOf(op))) expected.push('401');
      if (op.operation.parameters?.some((p) => p.in === 'path' && p.name !== 'secret')) expected.push('400', '404');
      if (op.operation.parameters?.some((p) => p.in === 'query')) expected.push('400');
      if (op.operation.requestBody) expected.push('400', '413', '415');
      expect({ op: nameOf(op), statuses }).toEqual({ op: nameOf(op), statuses: expect.arrayContaining(expected) });
      // The bearer scheme exactly where the guard asks for a token.
      expect({ op: nameOf(op), secured: (op.operation.security ?? []).length > 0 }).toEqual({
        op: nameOf(op),
        secured: !PUBLIC.includes(nameOf(op)),
      });
    }
    expect(operations.filter((op) => op.operation.responses['403']).length).toBeGreaterThanOrEqual(15);
    expect(operations.filter((op) => op.operation.responses['409']).length).toBeGreaterThanOrEqual(10);
  });

  it('points to the AsyncAPI document of the socket events', () => {
    expect((doc.info as Json).description).toContain('/api/docs/asyncapi.json');
  });

  describe('as `nest build` makes it', () => {
    let server: RunningServer | undefined;
    let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
    afterAll(async () => {
      if (server) await stopRunning(server);
      await database?.drop();
    });

    it('is the same document from the built server as from the sources under ts-jest', async () => {
      assertServerBuilt();
      database = await createTestDatabase();
      server = await startServer(serverEnv(database.url, uniqueName('excon-openapi'), false));
      const built = (await (await fetch(`${server.url}/api/docs/json`)).json()) as Json;
      expect(built).toEqual(doc);
    });
  });

  describe('the TypeScript client generated from it', () => {
    let client: string;
    beforeAll(() => {
      client = generateClient(doc);
      expect(client).toContain('export interface paths');
    });

    // Mutual assignability: the generated type and the contract type accept exactly the same values.
    const header = `
      import type { components, paths } from './openapi';
      import type * as contract from '@excon/contracts';
      import type * as domain from '@excon/domain';
      type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
      type Schema<N extends keyof components['schemas']> = components['schemas'][N];
      type JsonBody<T> = T extends { content: { 'application/json': infer B } } ? B : never;
    `;

    it('type-checks against the contracts: every response and request schema is its contract type', () => {
      const snippet = `${header}
        type CreateExerciseBody = JsonBody<paths['/api/exercises']['post']['requestBody']>;
        const scenarioId: CreateExerciseBody['scenarioId'] = '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d';
        const body: CreateExerciseBody = { scenarioId, speed: 2 };
        type Created = JsonBody<paths['/api/exercises']['post']['responses'][201]>;
        const createdIsExercise: Same<Created, contract.ExerciseView> = true;
        type ReportJson = JsonBody<paths['/api/exercises/{id}/report']['get']['responses'][200]>;
        const reportIsReport: Same<ReportJson, contract.ExerciseReport> = true;
        type Failure = JsonBody<paths['/api/exercises/{id}/start']['post']['responses'][409]>;
        const failureIsApiError: Same<Failure, contract.ApiError> = true;
        const checks: true[] = [
          createdIsExercise, reportIsReport, failureIsApiError,
          true as Same<Schema<'ApiError'>, contract.ApiError>,
          true as Same<Schema<'UserView'>, contract.UserView>,
          true as Same<Schema<'LoginResponse'>, contract.LoginResponse>,
          true as Same<Schema<'CommandPostView'>, contract.CommandPostView>,
          true as Same<Schema<'Objective'>, domain.Objective>,
          true as Same<Schema<'InjectView'>, contract.InjectView>,
          true as Same<Schema<'ScenarioView'>, contract.ScenarioView>,
          true as Same<Schema<'ScenarioSummaryView'>, contract.ScenarioSummaryView>,
          true as Same<Schema<'ExerciseView'>, contract.ExerciseView>,
          true as Same<Schema<'ExerciseSummaryView'>, contract.ExerciseSummaryView>,
          true as Same<Schema<'ExerciseInjectView'>, contract.ExerciseInjectView>,
          true as Same<Schema<'DeliveryView'>, contract.DeliveryView>,
          true as Same<Schema<'AuditEventView'>, contract.AuditEventView>,
          true as Same<Schema<'ExerciseReport'>, contract.ExerciseReport>,
          true as Same<Schema<'LoginDto'>, contract.LoginRequest>,
          true as Same<Schema<'CreateExerciseDto'>, contract.CreateExerciseRequest>,
          true as Same<Schema<'UpdateExerciseDto'>, contract.UpdateExerciseRequest>,
          true as Same<Schema<'StartExerciseDto'>, contract.StartExerciseRequest>,
          true as Same<Schema<'RetimeInjectDto'>, contract.RetimeInjectRequest>,
          true as Same<Schema<'InjectDto'>, contract.InjectInput>,
          true as Same<Schema<'AdHocInjectDto'>, contract.AdHocInjectRequest>,
          true as Same<Schema<'PlanActivityView'>, contract.PlanActivityView>,
          true as Same<Schema<'DutyMessageView'>, contract.DutyMessage>,
          true as Same<Schema<'AttendanceDto'>, contract.AttendanceRequest>,
        ];
        export { body, checks };
      `;
      expect(typeCheck({ 'openapi.d.ts': client, 'client.ts': snippet })).toEqual([]);
    });

    it('fails the check when the document and the contracts disagree (so the check above can fail)', () => {
      const snippet = `${header}
        type CreateExerciseBody = JsonBody<paths['/api/exercises']['post']['requestBody']>;
        const wrongType: CreateExerciseBody['scenarioId'] = 42;
        const wrongShape: Same<Schema<'ExerciseView'>, contract.DeliveryView> = true;
        export { wrongType, wrongShape };
      `;
      const problems = typeCheck({ 'openapi.d.ts': client, 'client.ts': snippet });
      expect(problems).toEqual([
        expect.stringContaining("Type 'number' is not assignable to type 'string'"),
        expect.stringContaining("Type 'true' is not assignable to type 'false'"),
      ]);
    });
  });
});
