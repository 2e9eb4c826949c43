// Finds the route of a pathname. Pure, so the route table can be tested without a browser.

export interface RouteLike {
  path: string;
}

/** Trailing slashes do not matter (`/status/` is `/status`); the root stays `/`. */
export function normalizePath(pathname: string): string {
  const trimmed = pathname.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

export function matchRoute<R extends RouteLike>(routes: readonly R[], pathname: string): R | null {
  const path = normalizePath(pathname);
  return routes.find((r) => r.path === path) ?? null;
}
