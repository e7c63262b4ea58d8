import { METHODS } from 'node:http';
import type { TestPlatform } from './test-platform';

export interface RegisteredRoute {
  method: string;
  /** Express's path pattern (`/api/scenarios/:id`); a regular expression route as its source text. */
  path: string;
}

type RoutePath = string | RegExp;

interface RouterLayer {
  route?: { path: RoutePath | RoutePath[]; methods: Record<string, boolean> };
}

/** Express's own catch-all (`router.all`, as middleware such as the request logger is mounted) answers every method. */
const EVERY_METHOD = METHODS.map((m) => m.toLowerCase());

/**
 * Every HTTP route the running app answers, read from its Express 5 router (not from a list kept by hand).
 * Catch-all mounts of middleware are left out: they are not routes a client calls.
 */
export function registeredRoutes(t: TestPlatform): RegisteredRoute[] {
  const express = t.platform.app.getHttpAdapter().getInstance();
  const stack = (express as unknown as { router: { stack: RouterLayer[] } }).router.stack;
  const routes: RegisteredRoute[] = [];
  for (const layer of stack) {
    if (!layer.route) continue;
    const methods = Object.keys(layer.route.methods).filter((m) => layer.route?.methods[m]);
    if (EVERY_METHOD.every((m) => methods.includes(m))) continue;
    for (const path of Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path]) {
      for (const method of methods) routes.push({ method: method.toUpperCase(), path: typeof path === 'string' ? path : String(path) });
    }
  }
  return routes;
}

/** `/api/scenarios/:id` → `/api/scenarios/<value>`; every path parameter gets the same value. */
export function fillPathParameters(path: string, value: string): string {
  return path.replace(/:[A-Za-z_]\w*/g, value);
}
