/**
 * Which Spring properties say where a module connects, told by the shape of the key and of
 * the value rather than by a list of known properties: any URL (`jdbc:`, `lb://`,
 * `configserver:http://…`), `host:port` lists, and keys ending like an address
 * (`…host`, `…port`, `…uri`, `…addresses`, `…bootstrap-servers`, `…defaultZone`) or naming
 * a service (`…service-id`). Gateway routes (Spring Cloud Gateway, Zuul) are read into
 * calls. Secrets never leave this file unmasked.
 */
import { findAddresses, isSecretKey as isSecretVariable, maskCredentials } from '../importers/topology/addresses.js';
import { normalizeProtocol } from '../importers/topology/vocabulary.js';

/** The last part of a key, without list indexes, says what the value is. */
const ADDRESS_KEY =
  /(^|[.-])(host|hosts|hostname|port|uri|uris|url|urls|address|addresses|addr|endpoint|endpoints|servers?|nodes|brokers?|broker-?url|bootstrap-?servers|default-?zone|service-?url|zones?|contact-?points|dsn|service-?id|service-?name)$/i;
/** Schemes of local resources: `file:///data`, `classpath:x` name no address. */
const LOCAL_SCHEME = /^(file|classpath|forward|no|jar):/i;

/** A property that holds a secret: the one rule of addresses.ts, on the key without its list index. */
export function isSecretKey(key: string): boolean {
  return isSecretVariable(key.replace(/\[\d+\]$/, ''));
}

/** True when the value is, or names, an address another workload may answer at. */
export function isAddressSetting(key: string, value: string): boolean {
  if (value.trim() === '' || LOCAL_SCHEME.test(value.trim())) return false;
  if (/[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^(optional:)?(jdbc|configserver):/i.test(value.trim())) return true;
  const bare = key.replace(/\[\d+\]$/, '');
  if (ADDRESS_KEY.test(bare)) return true;
  return findAddresses(bare, value).length > 0;
}

/** A URL's `user:password@` and `password=…` inside connection strings, masked. */
export const maskSecrets = maskCredentials;

/** A secret's value masked; a placeholder's name kept, so it still says where the secret comes from. */
export function maskedSecretWritten(written: string): string | undefined {
  if (!written.includes('${')) return undefined;
  return written.replace(/\$\{([^}:]+)(:[^}]*)?\}/g, (_whole, name: string, fallback?: string) =>
    fallback === undefined ? `\${${name}}` : `\${${name}:***}`,
  );
}

export interface RouteTarget {
  to: string;
  protocol?: string;
}

const GATEWAY_ROUTE_URI = /^spring\.cloud\.gateway\.(?:.+\.)?routes\[\d+\]\.uri$/;

/** The target of a Spring Cloud Gateway route's `uri` (any of its config trees: webflux, webmvc, mvc). */
export function gatewayRouteTarget(key: string, value: string): RouteTarget | undefined {
  if (!GATEWAY_ROUTE_URI.test(key)) return undefined;
  return uriTarget(value);
}

/**
 * `lb://customers-service` (the load balancer: a registered service name), `lb:ws://chat`,
 * `http://host:8080/x`; `forward:` and `no://op` call nothing.
 */
function uriTarget(value: string): RouteTarget | undefined {
  const match = /^\s*(?:lb:)?([a-z][a-z0-9+.-]*):\/\/([^/\s?#]+)/i.exec(value);
  if (!match) return undefined;
  const scheme = match[1]!.toLowerCase();
  if (scheme === 'no' || scheme === 'file') return undefined;
  const authority = match[2]!.replace(/^[^@]*@/, '');
  const host = authority.replace(/:\d+$/, '').toLowerCase();
  if (host === '') return undefined;
  return { to: host, protocol: normalizeProtocol(scheme === 'lb' ? 'http' : scheme) };
}

export interface ZuulRoute extends RouteTarget {
  /** The property that names the target. */
  key: string;
}

/**
 * Zuul 1 routes: `zuul.routes.<name>.url` (an address), `.serviceId`/`.service-id` (a
 * registered service), or only `.path` / the shorthand `zuul.routes.<name>: /path/**`, where
 * the route's name is the service id.
 */
export function zuulRoutes(keys: readonly string[], valueOf: (key: string) => string): ZuulRoute[] {
  const byName = new Map<string, Map<string, string>>();
  for (const key of keys) {
    const match = /^zuul\.routes\.([^.[]+)(?:\.([^.[]+))?$/.exec(key);
    if (!match) continue;
    const fields = byName.get(match[1]!) ?? new Map<string, string>();
    fields.set((match[2] ?? '').toLowerCase().replace(/-/g, ''), key);
    byName.set(match[1]!, fields);
  }
  const routes: ZuulRoute[] = [];
  for (const [name, fields] of byName) {
    const url = fields.get('url');
    const serviceId = fields.get('serviceid');
    if (url !== undefined) {
      const target = uriTarget(valueOf(url));
      if (target) routes.push({ ...target, key: url });
    } else if (serviceId !== undefined) {
      const to = valueOf(serviceId).trim();
      if (to !== '') routes.push({ to, protocol: 'http', key: serviceId });
    } else {
      const key = fields.get('path') ?? fields.get('');
      if (key !== undefined) routes.push({ to: name, protocol: 'http', key });
    }
  }
  return routes;
}
