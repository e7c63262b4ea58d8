import { createStore, useStore } from './store';

/** Hash routing (`#/controller/exercises/<id>`): nothing for the server to know about. */
function currentPath(): string {
  const hash = location.hash.replace(/^#/, '');
  return hash.startsWith('/') ? hash : '/';
}

const path = createStore(currentPath());
addEventListener('hashchange', () => path.set(currentPath()));

export function navigate(to: string, { replace = false } = {}): void {
  if (replace) history.replaceState(null, '', `#${to}`);
  else history.pushState(null, '', `#${to}`);
  path.set(currentPath());
}

export function useRoute(): string {
  return useStore(path);
}

/** `match('/controller/scenarios/:id', '/controller/scenarios/42')` → `{ id: '42' }`, or null. */
export function match(pattern: string, actual: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = actual.split('?')[0].split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}

export function href(to: string): string {
  return `#${to}`;
}
