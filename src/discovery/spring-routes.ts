/**
 * The calls a gateway module's routes make: Spring Cloud Gateway's `routes[n].uri` in any of
 * its property trees (`spring.cloud.gateway.routes`, `…server.webflux.routes`,
 * `…server.webmvc.routes`, `…mvc.routes`) and Zuul's `zuul.routes.*`. A route's evidence
 * is the line that names its target, as written.
 */
import type { Route } from './model.js';
import type { MergedEntry } from './spring-documents.js';
import { gatewayRouteTarget, maskSecrets, zuulRoutes } from './spring-addresses.js';

export function springRoutes(
  entries: readonly [string, MergedEntry][],
  resolved: ReadonlyMap<string, string>,
  lineText: (file: string, line: number) => string,
): Omit<Route, 'from'>[] {
  const routes: Omit<Route, 'from'>[] = [];
  const byKey = new Map(entries);
  const push = (key: string, to: string, protocol: string | undefined): void => {
    const entry = byKey.get(key);
    if (!entry) return;
    const value = resolved.get(key) ?? entry.value;
    const written = lineText(entry.file, entry.line);
    // The line as written, and what its placeholders came to when they changed it.
    const text = maskSecrets(
      value === entry.value || written === '' ? written || `${key}: ${value}` : `${written} (${value})`,
    );
    routes.push({
      kind: 'gateway-route',
      to,
      ...(protocol ? { protocol } : {}),
      text,
      file: entry.file,
      line: entry.line,
    });
  };
  for (const [key] of entries) {
    const target = gatewayRouteTarget(key, resolved.get(key) ?? '');
    if (target) push(key, target.to, target.protocol);
  }
  const keys = entries.map(([key]) => key);
  for (const route of zuulRoutes(keys, (key) => resolved.get(key) ?? '')) push(route.key, route.to, route.protocol);
  return routes;
}
