/**
 * The AsyncAPI 3 document of the socket.io events of the /console namespace, generated from the event maps
 * of libs/contracts/src/socket-events.ts (the ones the gateway and the consoles are typed with), so it is
 * never written by hand a second time. ts-json-schema-generator reads the TypeScript types: the keys of
 * each event map are the events, an event's first parameter its payload, and for the events the server
 * handles, the acknowledgement callback's parameter its reply.
 *
 * `npm run build` runs it after `nest build` (which empties dist/) and writes dist/asyncapi.json; the
 * server serves that file at /api/docs/asyncapi.json (apps/api/src/common/api-docs.ts).
 * Usage: ts-node --transpile-only -P tsconfig.json scripts/generate-asyncapi.ts [out-file]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';
import { CONSOLE_NAMESPACE, RATE_LIMITED_ERROR } from '../libs/contracts/src/socket-events';

const ROOT = resolve(__dirname, '..');
export const SOCKET_EVENTS_FILE = join(ROOT, 'libs', 'contracts', 'src', 'socket-events.ts');
export const ASYNCAPI_OUT_FILE = join(ROOT, 'dist', 'asyncapi.json');

/**
 * The event maps, by what the server does with their events (AsyncAPI describes the server): it sends
 * ServerToConsoleEvents to the consoles and receives ConsoleToServerEvents, answering through the ack.
 */
export const EVENT_MAPS = { send: 'ServerToConsoleEvents', receive: 'ConsoleToServerEvents' } as const;

type JsonSchema = { [key: string]: unknown };

export interface AsyncApiDocument {
  asyncapi: '3.0.0';
  info: { title: string; version: string; description: string };
  defaultContentType: string;
  servers: Record<string, unknown>;
  channels: Record<string, { address: string; title: string; description: string; messages: Record<string, { $ref: string }> }>;
  operations: Record<string, JsonSchema>;
  components: { schemas: Record<string, JsonSchema>; messages: Record<string, JsonSchema> };
}

const CHANNEL = 'console';

/** `exercise:state` → `exerciseState` (component keys allow letters, digits, `.`, `_` and `-` only). */
export function messageId(event: string): string {
  return event.replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string | undefined) => (next ?? '').toUpperCase());
}

const pascal = (id: string): string => id.charAt(0).toUpperCase() + id.slice(1);

/** ts-json-schema-generator's shape of a function type: `{ properties: { namedArgs: { properties: {<param>: schema} } } }`. */
function parametersOf(fn: JsonSchema): JsonSchema[] {
  const namedArgs = (fn.properties as { namedArgs?: { properties?: Record<string, JsonSchema> } } | undefined)?.namedArgs;
  return Object.values(namedArgs?.properties ?? {});
}

const isFunction = (schema: JsonSchema): boolean => typeof schema.$comment === 'string' && schema.$comment.includes('=>');

interface EventSchemas {
  event: string;
  description?: string;
  payload?: JsonSchema;
  reply?: JsonSchema;
}

/** Every event of one map, its payload and (when it takes a callback) the callback's argument. */
function eventsOf(map: JsonSchema): EventSchemas[] {
  return Object.entries(map.properties as Record<string, JsonSchema>).map(([event, fn]) => {
    const [payload, ack] = parametersOf(fn);
    const reply = ack && isFunction(ack) ? parametersOf(ack)[0] : undefined;
    if (payload && isFunction(payload)) throw new Error(`${event}: the first parameter must be the payload, not a callback`);
    return { event, description: typeof fn.description === 'string' ? fn.description : undefined, payload, reply };
  });
}

/** Rewrites `#/definitions/X` to `#/components/schemas/<name of X>`, and drops the generator's `$comment`s. */
function rewrite(value: unknown, names: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => rewrite(item, names));
  if (value === null || typeof value !== 'object') return value;
  const out: JsonSchema = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === '$comment') continue;
    if (key === '$ref' && typeof child === 'string' && child.startsWith('#/definitions/')) {
      const name = child.slice('#/definitions/'.length);
      const renamed = names.get(name);
      if (renamed === undefined)
        throw new Error(`${name} has no name of its own in ${SOCKET_EVENTS_FILE}: give the type a name (an interface or a type alias)`);
      out.$ref = `#/components/schemas/${renamed}`;
    } else {
      out[key] = rewrite(child, names);
    }
  }
  return out;
}

export function generateAsyncApiDocument(): AsyncApiDocument {
  const generator = createGenerator({
    path: SOCKET_EVENTS_FILE,
    tsconfig: join(ROOT, 'tsconfig.json'),
    skipTypeCheck: true,
    expose: 'export',
    topRef: false,
    jsDoc: 'extended',
    additionalProperties: false,
    encodeRefs: false,
    functions: 'comment',
  });
  const definitions: Record<string, JsonSchema> = {};
  const sent: EventSchemas[] = [];
  const received: EventSchemas[] = [];
  for (const [action, typeName] of Object.entries(EVENT_MAPS)) {
    const schema = generator.createSchema(typeName) as JsonSchema;
    Object.assign(definitions, schema.definitions as Record<string, JsonSchema>);
    (action === 'send' ? sent : received).push(...eventsOf(schema));
  }

  // Named types keep their names; an instantiated generic (Ack<{ deliveredAt: string }>) takes its event's.
  const names = new Map<string, string>(
    Object.keys(definitions)
      .filter((name) => /^[A-Za-z0-9._-]+$/.test(name))
      .map((name) => [name, name]),
  );
  const ids = new Map<string, string>();
  for (const { event, reply } of [...sent, ...received]) {
    const id = messageId(event);
    if (ids.has(id)) throw new Error(`events ${ids.get(id)} and ${event} would share the message id ${id}`);
    ids.set(id, event);
    const ref = typeof reply?.$ref === 'string' ? reply.$ref.slice('#/definitions/'.length) : undefined;
    if (ref !== undefined && !names.has(ref)) names.set(ref, `${pascal(id)}Ack`);
  }
  const schemas: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(definitions)) {
    const renamed = names.get(name);
    if (renamed !== undefined) schemas[renamed] = rewrite(schema, names) as JsonSchema;
  }

  const messages: Record<string, JsonSchema> = {};
  const operations: Record<string, JsonSchema> = {};
  const channelMessages: Record<string, { $ref: string }> = {};
  const addMessage = (id: string, message: JsonSchema) => {
    messages[id] = message;
    channelMessages[id] = { $ref: `#/components/messages/${id}` };
    return { $ref: `#/channels/${CHANNEL}/messages/${id}` };
  };
  for (const [action, events] of [
    ['send', sent],
    ['receive', received],
  ] as const) {
    for (const { event, description, payload, reply } of events) {
      const id = messageId(event);
      const message = addMessage(id, {
        name: event,
        title: event,
        ...(description ? { description } : {}),
        ...(payload ? { payload: rewrite(payload, names) } : {}),
      });
      const operation: JsonSchema = {
        action,
        title: `${action === 'send' ? 'Server emits' : 'Console emits'} ${event}`,
        channel: { $ref: `#/channels/${CHANNEL}` },
        messages: [message],
      };
      if (reply) {
        const answer = addMessage(`${id}Ack`, {
          name: `${event} (acknowledgement)`,
          title: `${event} acknowledgement`,
          description: `The argument of the socket.io acknowledgement callback of ${event}: {ok: true, ...} or {ok: false, error}.`,
          payload: rewrite(reply, names),
        });
        operation.reply = { channel: { $ref: `#/channels/${CHANNEL}` }, messages: [answer] };
      }
      operations[`${action}${pascal(id)}`] = operation;
    }
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'ExCon console events',
      version: '1',
      description: [
        `The socket.io 4 events of the ${CONSOLE_NAMESPACE} namespace, from the server's point of view: it sends what it emits to the consoles and receives what they emit, answering through the socket.io acknowledgement callback (the reply).`,
        '',
        `Connect with \`io(baseUrl + "${CONSOLE_NAMESPACE}", { auth: { token: accessToken } })\`, the token of POST /api/auth/login. A missing, forged or expired token fails the handshake with a \`connect_error\` whose message is \`unauthorized\`.`,
        'Rooms come from the token only: an operator receives its own command post’s injects and the state of the exercises it takes part in; every other role (staff) receives every exercise’s state, delivery and inject updates, and the evaluation’s observations and ratings (`observation:*`, `rating:updated`), which never reach an operator.',
        `Every acknowledgement is \`{ok: true, ...}\` or \`{ok: false, error}\`; any message may be answered \`{ok: false, error: "${RATE_LIMITED_ERROR}"}\` (ask again a second later).`,
        'When each event is sent, and the sequence and replay rules of `seq` and `sync`, are told in docs/socket-events.md.',
      ].join('\n'),
    },
    defaultContentType: 'application/json',
    servers: {
      excon: {
        host: '{host}',
        protocol: 'ws',
        pathname: '/socket.io',
        title: 'ExCon',
        description: 'socket.io 4 (Engine.IO over WebSocket, or HTTP long-polling until the upgrade) on the API’s own host and port.',
        variables: { host: { default: 'localhost:3000', description: 'The API’s host and port' } },
      },
    },
    channels: {
      [CHANNEL]: {
        address: CONSOLE_NAMESPACE,
        title: `The ${CONSOLE_NAMESPACE} namespace`,
        description: 'Every console (operator and staff) connects to it; what each receives depends on the rooms its token puts it in.',
        messages: channelMessages,
      },
    },
    operations,
    components: { schemas, messages },
  };
}

if (require.main === module) {
  const out = resolve(process.argv[2] ?? ASYNCAPI_OUT_FILE);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(generateAsyncApiDocument(), null, 2)}\n`);
  console.log(`AsyncAPI document written to ${out}`);
}
