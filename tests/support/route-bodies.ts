import type { RegisteredRoute } from './http-routes';

/** Ids a valid-shaped body may name (a scenario to run, a post to target or to put a user on). */
export interface BodyIds {
  scenarioId: string;
  commandPostId: string;
}

/**
 * A body of the shape each REST route takes (CONTRACT.md), naming the given ids, or `{}` for a route
 * that takes none (or that was added since: it is still called, with an empty body). `n` makes names unique.
 */
export function validBody(route: RegisteredRoute, ids: BodyIds, n: number): Record<string, unknown> {
  const name = `fz${n.toString(36)}`;
  const injectBody = { ref: `FZ-${n}`, offsetSeconds: 1_900_000, title: `Fuzz inject ${n}`, body: `Fuzz body ${n}`, targets: [ids.commandPostId] };
  switch (`${route.method} ${route.path}`) {
    case 'POST /api/auth/login':
      return { username: `nobody-${name}`, password: 'not-the-password' };
    case 'POST /api/command-posts':
      return { code: `FZ-${name}`, name: `Fuzz post ${n}`, memberState: 'KZ', ministry: 'emergency', timeZone: 'Asia/Almaty' };
    case 'POST /api/users':
      return { username: `fz-user-${name}`, password: 'fuzz-password-1', role: 'reviewer' };
    case 'PATCH /api/users/me':
      return { language: 'en', displayName: `Fuzz ${n}` };
    case 'POST /api/scenarios':
      return { title: `Fuzz scenario ${n}`, injects: [injectBody] };
    case 'PATCH /api/scenarios/:id':
      return { title: `Fuzz scenario ${n}` };
    case 'POST /api/scenarios/:id/injects':
      return injectBody;
    case 'PATCH /api/scenarios/:id/injects/:injectId':
      return { title: `Fuzz title ${n}` };
    case 'POST /api/exercises':
      return { scenarioId: ids.scenarioId, speed: 1 };
    case 'PATCH /api/exercises/:id':
      return { title: `Fuzz exercise ${n}` };
    case 'POST /api/exercises/:id/injects': {
      const { offsetSeconds: _, ...adHoc } = injectBody;
      return { ...adHoc, offsetSeconds: 1_900_000 };
    }
    case 'POST /api/exercises/:id/injects/:injectId/retime':
      return { offsetSeconds: 1_950_000 };
    case 'POST /api/plan/activities':
      return {
        kind: 'staff_talks',
        titles: { ru: `Штабные переговоры ${n}`, en: `Staff talks ${n}` },
        startAt: '2027-05-12T07:00:00Z',
        endAt: '2027-05-12T09:00:00Z',
        participants: { commandPostIds: [ids.commandPostId] },
        organiser: 'CRC',
      };
    case 'PATCH /api/plan/activities/:id':
      return { organiser: `CRC ${n}` };
    case 'POST /api/plan/activities/:id/attendance':
      return { status: 'confirmed' };
    case 'POST /api/plan/activities/:id/presence':
      return { commandPostIds: [] };
    default:
      return {};
  }
}

/** The path parameters of an Express pattern, in order (`/api/x/:id/y/:injectId` → ['id', 'injectId']). */
export function pathParameters(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z_]\w*)/g)].map((m) => m[1]);
}

/** Fills each parameter with its own value (already URL-encoded by the caller). */
export function fillEach(path: string, values: Record<string, string>): string {
  return path.replace(/:([A-Za-z_]\w*)/g, (_, name: string) => values[name] ?? 'missing');
}
