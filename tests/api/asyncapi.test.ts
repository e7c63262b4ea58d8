import { Parser } from '@asyncapi/parser';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { EVENT_MAPS, SOCKET_EVENTS_FILE, generateAsyncApiDocument } from '../../scripts/generate-asyncapi';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

/**
 * Issue 9 item 4: the AsyncAPI 3 document of the /console socket events, served at
 * /api/docs/asyncapi.json. The platform under test runs from the sources but serves the file `npm run
 * build` generated (dist/asyncapi.json, as in production): an event added to the contracts without a
 * rebuild fails here, and so does any other change the build has not picked up.
 */

type Json = Record<string, unknown>;
interface Diagnostic {
  code: string;
  message: string;
  path: (string | number)[];
  severity: number;
}

const ROOT = resolve(__dirname, '../..');

/** @asyncapi/parser's diagnostics of a document. */
async function validate(document: string): Promise<Diagnostic[]> {
  const { diagnostics } = await new Parser().parse(document);
  return diagnostics.map(({ code, message, path, severity }) => ({ code: String(code), message, path: [...path], severity }));
}

interface ContractEvent {
  map: string;
  event: string;
  /** Property names of the payload type (the first parameter). */
  payload: string[];
  /** Whether the event takes an acknowledgement callback (the second parameter). */
  acknowledged: boolean;
}

/** The events of the contracts, read with the TypeScript compiler: every exported `…Events` interface of socket-events.ts. */
function contractEvents(): { maps: string[]; events: ContractEvent[] } {
  const configFile = ts.readConfigFile(join(ROOT, 'tsconfig.json'), (path) => ts.sys.readFile(path));
  const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, ROOT);
  const program = ts.createProgram([SOCKET_EVENTS_FILE], { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(SOCKET_EVENTS_FILE) as ts.SourceFile;
  const maps = source.statements.filter(
    (s): s is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(s) && s.name.text.endsWith('Events') && (ts.getCombinedModifierFlags(s) & ts.ModifierFlags.Export) !== 0,
  );
  const events = maps.flatMap((map) =>
    checker.getPropertiesOfType(checker.getTypeAtLocation(map)).map((property) => {
      const [signature] = checker.getTypeOfSymbolAtLocation(property, map).getCallSignatures();
      const [payload, ack] = signature.getParameters().map((p) => checker.getTypeOfSymbolAtLocation(p, map));
      return {
        map: map.name.text,
        event: property.getName(),
        payload: payload ? checker.getPropertiesOfType(payload).map((p) => p.getName()) : [],
        acknowledged: ack !== undefined && ack.getCallSignatures().length > 0,
      };
    }),
  );
  return { maps: maps.map((m) => m.name.text), events };
}

function resolvePointer(doc: Json, ref: string): Json {
  const node = ref
    .slice(2)
    .split('/')
    .reduce<unknown>((at, part) => (at !== null && typeof at === 'object' ? (at as Json)[part] : undefined), doc);
  if (node === undefined) throw new Error(`${ref} does not resolve`);
  return node as Json;
}

const deref = (doc: Json, schema: Json): Json => (typeof schema.$ref === 'string' ? deref(doc, resolvePointer(doc, schema.$ref)) : schema);

describe('the AsyncAPI document', () => {
  let t: TestPlatform;
  let text: string;
  let doc: Json;
  const contracts = contractEvents();

  beforeAll(async () => {
    t = await startTestPlatform();
    // No token: the docs are public, as /api/docs is.
    const response = await t.http().get('/api/docs/asyncapi.json');
    expect({ status: response.status, body: response.status === 200 ? 'document' : response.body }).toEqual({ status: 200, body: 'document' });
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    text = response.text;
    doc = JSON.parse(text) as Json;
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('is an AsyncAPI 3.0.0 document that @asyncapi/parser accepts without errors', async () => {
    expect(doc.asyncapi).toBe('3.0.0');
    const errors = (await validate(text)).filter((d) => d.severity === 0);
    expect(errors).toEqual([]);
  });

  it('is one the parser would refuse if it were broken (so the check above can fail)', async () => {
    const broken = JSON.parse(text) as { operations: Record<string, { messages: unknown[] }> };
    const [first] = Object.values(broken.operations);
    first.messages = [{ $ref: '#/channels/console/messages/no-such-message' }];
    expect((await validate(JSON.stringify(broken))).filter((d) => d.severity === 0).map((d) => d.code)).toContain('invalid-ref');
  });

  it('generates from every event map of the contracts', () => {
    expect(contracts.maps.sort()).toEqual(Object.values(EVENT_MAPS).sort());
    expect(contracts.events.length).toBeGreaterThanOrEqual(9);
  });

  it('has a message for every event of the contracts, sent or received as the event map says, and no other', () => {
    const operations = Object.values(doc.operations as Record<string, Json>);
    const messageNames = (refs: unknown) => (refs as Json[]).map((m) => deref(doc, m).name);
    for (const { map, event, acknowledged } of contracts.events) {
      const action = map === EVENT_MAPS.send ? 'send' : 'receive';
      const matching = operations.filter((op) => messageNames(op.messages).includes(event));
      expect({ event, actions: matching.map((op) => op.action), replied: matching.map((op) => op.reply !== undefined) }).toEqual({
        event,
        actions: [action],
        replied: [acknowledged],
      });
    }
    const documented = operations.flatMap((op) => messageNames(op.messages));
    expect(documented.sort()).toEqual(contracts.events.map((e) => e.event).sort());
  });

  it('gives every message its payload’s fields, and every acknowledgement both answers', () => {
    const operations = Object.values(doc.operations as Record<string, Json>);
    for (const { event, payload, acknowledged } of contracts.events) {
      const operation = operations.find((op) => (op.messages as Json[]).some((m) => deref(doc, m).name === event)) as Json;
      const message = deref(doc, (operation.messages as Json[])[0]);
      const schema = deref(doc, message.payload as Json);
      expect({ event, fields: Object.keys(schema.properties as Json).sort() }).toEqual({ event, fields: payload.sort() });
      if (!acknowledged) continue;
      const reply = deref(doc, ((operation.reply as Json).messages as Json[])[0]);
      const answers = (deref(doc, reply.payload as Json).anyOf as Json[]).map((branch) => deref(doc, branch));
      expect({ event, ok: answers.map((a) => (a.properties as Record<string, Json>).ok.const).sort() }).toEqual({ event, ok: [false, true] });
      const refusal = answers.find((a) => (a.properties as Record<string, Json>).ok.const === false) as Json;
      expect({ event, refusal: refusal.required }).toEqual({ event, refusal: ['ok', 'error'] });
    }
  });

  it('is the document the generator makes from the contracts now (run `npm run build` after changing them)', () => {
    expect(doc).toEqual(generateAsyncApiDocument());
  });
});
