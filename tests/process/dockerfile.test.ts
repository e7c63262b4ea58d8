/**
 * docker/Dockerfile and docker/compose.yaml read as files: there is no Docker engine on the CI machine
 * and no hadolint among its packages, so the image cannot be built here. `npx dclint docker/compose.yaml`
 * (in .ci/run) checks the compose file's schema and style; this checks what ExCon needs of both.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

const ROOT = resolve(__dirname, '../..');
const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  image: string;
  name: string | null;
  instructions: Instruction[];
}

/** The Dockerfile's instructions, comments dropped and continuation lines joined. */
function instructions(text: string): Instruction[] {
  const joined = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

/** The stages, each FROM's image with the ARGs declared before the first FROM substituted. */
function stages(list: Instruction[]): Stage[] {
  const args: Record<string, string> = {};
  const result: Stage[] = [];
  for (const instruction of list) {
    if (instruction.keyword === 'ARG' && result.length === 0) {
      const [name, value = ''] = instruction.args.split('=');
      args[name] = value;
    } else if (instruction.keyword === 'FROM') {
      const [image, as, name] = instruction.args.replace(/--platform=\S+\s+/, '').split(/\s+/);
      const resolved = image.replace(/\$\{?(\w+)\}?/g, (_, arg: string) => args[arg] ?? '');
      result.push({ image: resolved, name: as?.toUpperCase() === 'AS' ? name : null, instructions: [] });
    } else if (result.length > 0) {
      result[result.length - 1].instructions.push(instruction);
    }
  }
  return result;
}

/** `--name=value` flags at the start of an instruction's arguments, and what follows them. */
function flags(args: string): { flags: Record<string, string>; rest: string[] } {
  const words = args.split(/\s+/);
  const found: Record<string, string> = {};
  while (words[0]?.startsWith('--')) {
    const [name, value = ''] = (words.shift() as string).slice(2).split('=');
    found[name] = value;
  }
  return { flags: found, rest: words };
}

const dockerfile = stages(instructions(read('docker/Dockerfile')));
const runtime = dockerfile[dockerfile.length - 1];
const of = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword);
const stageNamed = (name: string) => dockerfile.find((s) => s.name === name);
const defaultCommand = JSON.parse(of(runtime, 'CMD').at(-1)?.args ?? 'null') as string[] | null;

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: unknown;
  pull_policy?: string;
  restart?: string;
  volumes?: string[];
}

const compose = parse(read('docker/compose.yaml'), { merge: true }) as {
  name: string;
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
};
const builtImage = Object.values(compose.services).find((s) => s.build)?.image;
const exconServices = Object.entries(compose.services).filter(([, s]) => s.image === builtImage);
const entryOf = (service: ComposeService) => (service.command ?? defaultCommand ?? []).find((arg) => arg.endsWith('.js'));
const apiServices = exconServices.filter(([, s]) => entryOf(s) === 'dist/apps/api/src/main.js');
const workerServices = exconServices.filter(([, s]) => entryOf(s) === 'dist/apps/worker/src/main.js');

describe('docker/Dockerfile', () => {
  it('builds in one stage and runs from another', () => {
    expect(dockerfile.length).toBeGreaterThanOrEqual(2);
    const build = dockerfile.find(
      (s) =>
        of(s, 'RUN').some((r) => /\bnpm ci\b/.test(r.args) && !r.args.includes('--omit=dev')) &&
        of(s, 'RUN').some((r) => r.args.includes('npm run build')),
    );
    expect(build?.name).toBeTruthy();
    expect(build).not.toBe(runtime);
    // The runtime's node_modules: production dependencies only.
    const modules = of(runtime, 'COPY')
      .map((c) => flags(c.args))
      .find((c) => c.rest.at(-1)?.replace(/^\.\//, '') === 'node_modules');
    expect(modules?.flags.from).toBeTruthy();
    expect(of(stageNamed(modules?.flags.from as string) as Stage, 'RUN').some((r) => /\bnpm ci\b.*--omit=dev/.test(r.args))).toBe(true);
  });

  it('names a tag for every base image, never `latest`', () => {
    const stageNames = new Set(dockerfile.map((s) => s.name));
    for (const { image } of dockerfile.filter((s) => !stageNames.has(s.image))) {
      const match = /^[\w./-]+(?::(?<tag>[\w.-]+))?(?:@sha256:[0-9a-f]{64})?$/.exec(image);
      expect({ image, tagged: Boolean(match?.groups?.tag ?? image.includes('@sha256:')), latest: match?.groups?.tag === 'latest' }).toEqual({
        image,
        tagged: true,
        latest: false,
      });
    }
  });

  it('runs as a user other than root, who cannot rewrite the code', () => {
    const user = of(runtime, 'USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user?.split(':')[0]);
    // Every COPY into the runtime stage says whose the files are: root's, readable by the user.
    for (const copy of [...of(runtime, 'COPY'), ...of(runtime, 'ADD')].map((c) => flags(c.args))) {
      expect({ copy: copy.rest.join(' '), chown: copy.flags.chown }).toEqual({ copy: copy.rest.join(' '), chown: 'root:root' });
    }
  });

  it('checks its health on /api/health and exposes PORT', () => {
    expect(of(runtime, 'HEALTHCHECK').at(-1)?.args).toContain('/api/health');
    const port = /\bPORT=(\d+)/.exec(
      of(runtime, 'ENV')
        .map((e) => e.args)
        .join(' '),
    )?.[1];
    expect(port).toBeDefined();
    expect(of(runtime, 'EXPOSE').flatMap((e) => e.args.split(/\s+/))).toContain(port);
  });

  it('builds every entry point its default command and compose.yaml start, and the consoles', () => {
    const entries = [...new Set([entryOf({}), ...exconServices.map(([, s]) => entryOf(s))])] as string[];
    expect(entries).toEqual(
      expect.arrayContaining(['dist/apps/standalone/src/main.js', 'dist/apps/api/src/main.js', 'dist/apps/worker/src/main.js']),
    );
    const copiedFromBuild = of(runtime, 'COPY')
      .map((c) => flags(c.args))
      .filter((c) => c.flags.from && of(stageNamed(c.flags.from) as Stage, 'RUN').some((r) => r.args.includes('npm run build')))
      .map((c) => c.rest.at(-1)?.replace(/^\.\//, '') as string);
    const buildChecks = dockerfile
      .flatMap((s) => of(s, 'RUN'))
      .map((r) => r.args)
      .join(' ');
    const built = existsSync(resolve(ROOT, 'dist'));
    if (!built) throw new Error('dist/ is missing: run `npm run build` first (`npm test` does)');
    for (const entry of [...entries, 'apps/console/dist/index.html']) {
      expect({
        entry,
        // The runtime stage copies it from the stage that builds it ...
        copied: copiedFromBuild.some((dest) => entry.startsWith(`${dest}/`)),
        // ... that stage fails when the build did not make it ...
        checkedInBuild: buildChecks.includes(`test -f ${entry}`),
        // ... and `npm run build` makes it here too.
        builtHere: existsSync(resolve(ROOT, entry)),
      }).toEqual({ entry, copied: true, checkedInBuild: true, builtHere: true });
    }
  });
});

describe('docker/compose.yaml', () => {
  it('runs two API processes and two workers of one image, built once and never pulled', () => {
    expect(compose.name).toBe('excon');
    expect(apiServices.map(([name]) => name)).toEqual(['api-1', 'api-2']);
    expect(workerServices.map(([name]) => name)).toEqual(['worker-1', 'worker-2']);
    expect(exconServices.map(([name, s]) => [name, s.pull_policy])).toEqual(exconServices.map(([name, s]) => [name, s.build ? 'build' : 'never']));
    expect(exconServices.filter(([, s]) => s.build)).toHaveLength(1);
  });

  it('gives every ExCon process the same database, Redis, key prefix and JWT secret', () => {
    const shared = ['DATABASE_URL', 'REDIS_URL', 'EXCON_REDIS_PREFIX', 'EXCON_JWT_SECRET'];
    const values = exconServices.map(([, s]) => shared.map((name) => s.environment?.[name]));
    for (const v of values) expect(v).toEqual(values[0]);
    expect(values[0].every(Boolean)).toBe(true);
    // Required: compose refuses to start without them.
    for (const name of ['EXCON_JWT_SECRET', 'EXCON_ADMIN_PASSWORD']) {
      for (const [, s] of exconServices) expect(s.environment?.[name]).toMatch(new RegExp(`^\\$\\{${name}:\\?`));
    }
  });

  it('sets only variables ExCon reads', () => {
    const configSource = read('libs/config/src/app-config.ts');
    const known = new Set([...configSource.matchAll(/'([A-Z][A-Z0-9_]+)'/g), ...configSource.matchAll(/env\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]));
    for (const [name, s] of exconServices) {
      expect({ service: name, unknown: Object.keys(s.environment ?? {}).filter((v) => !known.has(v)) }).toEqual({ service: name, unknown: [] });
    }
    // The API processes believe the balancer (one hop) for the client's address and scheme.
    for (const [, s] of apiServices) expect(s.environment?.EXCON_TRUST_PROXY).toBeTruthy();
  });

  it('balances over exactly the API services, at their port', () => {
    const servers = [...read('docker/haproxy.cfg').matchAll(/^\s*server\s+(\S+)\s+([^:\s]+):(\d+)/gm)].map((m) => ({ host: m[2], port: m[3] }));
    const port = /\bPORT=(\d+)/.exec(
      of(runtime, 'ENV')
        .map((e) => e.args)
        .join(' '),
    )?.[1];
    expect(servers).toEqual(apiServices.map(([name, s]) => ({ host: name, port: s.environment?.PORT ?? port })));
    expect(compose.services.balancer.depends_on).toEqual(Object.fromEntries(apiServices.map(([name]) => [name, { condition: 'service_healthy' }])));
  });

  it('starts each service once what it needs is healthy; one API process alone migrates first', () => {
    const healthChecked = (name: string) => Boolean(compose.services[name].healthcheck) || compose.services[name].image === builtImage;
    for (const [name, s] of Object.entries(compose.services)) {
      for (const [needed, { condition }] of Object.entries(s.depends_on ?? {})) {
        if (condition === 'service_healthy')
          expect({ name, needed, healthChecked: healthChecked(needed) }).toEqual({ name, needed, healthChecked: true });
      }
      expect({ name, restart: s.restart }).toEqual({ name, restart: 'unless-stopped' });
    }
    for (const [, s] of exconServices)
      expect(s.depends_on).toMatchObject({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    const first = exconServices.filter(([, s]) => !Object.keys(s.depends_on ?? {}).some((d) => compose.services[d].image === builtImage));
    expect(first.map(([name]) => name)).toEqual(['api-1']);
    for (const [name, s] of exconServices) if (name !== 'api-1') expect(s.depends_on?.['api-1']).toEqual({ condition: 'service_healthy' });
  });

  it('keeps PostgreSQL and Redis (append-only) in named volumes', () => {
    const volumeOf = (service: string) => (compose.services[service].volumes ?? []).map((v) => v.split(':')[0]);
    expect(volumeOf('postgres').filter((v) => v in compose.volumes)).toHaveLength(1);
    expect(volumeOf('redis').filter((v) => v in compose.volumes)).toHaveLength(1);
    expect(compose.services.redis.command?.join(' ')).toContain('--appendonly yes');
  });
});
