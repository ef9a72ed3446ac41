/**
 * Calls from evidence over the deployment model. An address in a workload's settings (a URL, a
 * `host:port`, a connection string, a host in a variable whose name says it is one) that names
 * another workload is a call; so is a gateway's route or a NetworkPolicy rule. Start order
 * (`depends_on`) is not a call on its own: it counts for a resource (nobody starts a database
 * first for nothing), beside an address, or beside a client library of what it waits for (a
 * service registry). Every call keeps each piece of evidence, with its file and line, and how
 * sure the evidence makes it.
 */
import {
  externalNode,
  findAddresses,
  internalServiceName,
  isSecretKey,
  evidenceText,
} from '../importers/topology/addresses.js';
import { normalizeProtocol } from '../importers/topology/vocabulary.js';
import type { WorkloadClass } from './classify-workload.js';
import { CLIENT_SERVER, VENDORS } from './known-peers.js';
import type { Confidence, Evidence, EvidenceKind, Route, Setting, Workload } from './model.js';
import type { NameIndex } from './name-index.js';

export interface DiscoveredCall {
  from: string;
  to: string;
  /** What the callee is: `service` for an application, else its service kind (`database`, `external`, …). */
  kind: string;
  protocol?: string;
  evidence: Evidence[];
  confidence: Confidence;
  /** A third party's base URL (`https://api.stripe.com`). */
  url?: string;
  /** A name nothing in the repo defines: kept, with its evidence, for the graph to resolve across repos. */
  unresolved?: boolean;
}

export interface LibraryUse {
  purl: string;
  file: string;
  line?: number;
}

export interface CallInputs {
  workloads: ReadonlyMap<string, Workload>;
  classes: ReadonlyMap<string, WorkloadClass>;
  index: NameIndex;
  routes: readonly Route[];
  /** The libraries each workload is built with (purls without version), where they are declared. */
  libraries: ReadonlyMap<string, readonly LibraryUse[]>;
}

const RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|::1|host\.docker\.internal|gateway\.docker\.internal)$/;

/**
 * Well-known ports of HTTP servers: with no scheme and no port name, an application reached on
 * one of these (or on no port at all) is taken to speak HTTP, as most service calls do.
 */
const HTTP_PORTS = new Set([
  80, 443, 3000, 4000, 5000, 8000, 8008, 8080, 8081, 8082, 8083, 8084, 8085, 8088, 8443, 9000,
]);

/** Runtime settings beat the image's defaults; the last of one key wins. */
function effectiveSettings(workload: Workload): Setting[] {
  const byKey = new Map<string, Setting>();
  const fromImage = workload.settings.filter((s) => s.via === 'dockerfile');
  const rest = workload.settings.filter((s) => s.via !== 'dockerfile');
  for (const s of [...fromImage, ...rest]) byKey.set(s.key, s);
  return [...byKey.values()];
}

function evidenceKind(setting: Setting, url: string | undefined, value: string): EvidenceKind {
  if (setting.via === 'dockerfile') return 'dockerfile-env';
  if (setting.via === 'properties') return 'properties';
  if (/^jdbc:|;\s*(host|server|data source)\s*=|^(host|server|data source)\s*=/i.test(value)) {
    return 'connection-string';
  }
  if (url && /^[a-z][a-z0-9+.-]*:\/\/[^/]*@/i.test(value)) return 'connection-string';
  return url ? 'url' : 'address-env';
}

function settingText(setting: Setting): string {
  return evidenceText(setting.key, setting.value);
}

export function deriveCalls(inputs: CallInputs): DiscoveredCall[] {
  const calls = new Map<string, DiscoveredCall>();
  const { workloads, classes, index } = inputs;
  const kindOf = (name: string) => {
    const c = classes.get(name);
    return !c || c.role === 'app' ? 'service' : c.kind;
  };

  const add = (call: DiscoveredCall) => {
    const key = `${call.from}\0${call.to}`;
    const existing = calls.get(key);
    if (!existing) {
      calls.set(key, call);
      return;
    }
    for (const e of call.evidence) {
      if (!existing.evidence.some((x) => x.kind === e.kind && x.file === e.file && x.line === e.line)) {
        existing.evidence.push(e);
      }
    }
    if (RANK[call.confidence] > RANK[existing.confidence]) existing.confidence = call.confidence;
    existing.protocol ??= call.protocol;
    if (existing.unresolved && !call.unresolved) delete existing.unresolved;
  };

  /** The protocol of a call to `target` on `port`, when no scheme said it. */
  const protocolTo = (target: string, port: number | undefined): string | undefined => {
    const w = workloads.get(target);
    const named = w?.ports.find((p) => p.port === port)?.protocol ?? w?.ports.find((p) => p.port === port)?.name;
    if (named) {
      const known = normalizeProtocol(/^(grpc|http|https|h2c|tcp|udp)(-|$)/.exec(named)?.[1] ?? named);
      if (known && !known.startsWith('x-')) return known;
    }
    const cls = classes.get(target);
    if (cls?.protocol) return cls.protocol;
    if (cls?.role !== 'infra' && (port === undefined || HTTP_PORTS.has(port))) return 'http';
    return undefined;
  };

  for (const [name, workload] of workloads) {
    for (const setting of effectiveSettings(workload)) {
      if (setting.via === 'secret' || setting.value === '') continue;
      const vendor = VENDORS.find((v) => v.key.test(setting.key));
      if (vendor) {
        add({
          from: name,
          to: vendor.name,
          kind: 'external',
          protocol: 'http',
          url: vendor.url,
          confidence: 'medium',
          evidence: [{ kind: 'address-env', file: setting.file, ...lineOf(setting), text: `${setting.key}=***` }],
        });
        continue;
      }
      if (isSecretKey(setting.key)) continue;
      for (const address of findAddresses(setting.key, setting.value)) {
        if (LOOPBACK.test(address.host)) continue;
        const evidence: Evidence = {
          kind: evidenceKind(setting, address.url, setting.value),
          file: setting.file,
          ...lineOf(setting),
          text: settingText(setting),
        };
        const target = index.resolve(address.host);
        if (target === name) continue;
        if (target) {
          const protocol = normalizeProtocol(address.protocol) ?? protocolTo(target, address.port);
          add({
            from: name,
            to: target,
            kind: kindOf(target),
            ...(protocol ? { protocol } : {}),
            confidence: 'high',
            evidence: [evidence],
          });
          continue;
        }
        if (isRepositoryAddress(setting.key, address)) continue;
        const external = externalNode(address);
        if (external) {
          add({
            from: name,
            to: external.name,
            kind: 'external',
            protocol: normalizeProtocol(address.protocol) ?? 'http',
            ...(external.url ? { url: external.url } : {}),
            confidence: 'high',
            evidence: [evidence],
          });
          continue;
        }
        const internal = internalServiceName(setting.key, address);
        if (internal && internal !== name) {
          const protocol = normalizeProtocol(address.protocol);
          add({
            from: name,
            to: internal,
            kind: 'service',
            ...(protocol ? { protocol } : {}),
            confidence: 'medium',
            unresolved: true,
            evidence: [evidence],
          });
        }
      }
    }
  }

  for (const route of inputs.routes) {
    const from = index.resolve(route.from) ?? route.from;
    const host = route.to.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[:/]/)[0] ?? route.to;
    const to = index.resolve(host);
    if (!workloads.has(from) || !to || to === from) continue;
    add({
      from,
      to,
      kind: kindOf(to),
      ...(route.protocol ? { protocol: route.protocol } : { protocol: protocolTo(to, undefined) }),
      confidence: route.kind === 'network-policy' ? 'medium' : 'high',
      evidence: [
        { kind: route.kind === 'proxy' ? 'url' : route.kind, file: route.file, ...lineOf(route), text: route.text },
      ],
    });
  }

  for (const [name, workload] of workloads) {
    for (const dependency of workload.dependsOn) {
      const target = index.resolve(dependency.name);
      if (!target || target === name) continue;
      const evidence: Evidence = {
        kind: 'depends_on',
        file: dependency.file,
        ...lineOf(dependency),
        text: dependency.name,
      };
      const existing = calls.get(`${name}\0${target}`);
      const role = classes.get(target)?.role;
      if (existing) {
        add({ ...existing, evidence: [evidence], confidence: 'low' });
      } else if (role === 'infra') {
        const protocol = classes.get(target)?.protocol;
        add({
          from: name,
          to: target,
          kind: kindOf(target),
          ...(protocol ? { protocol } : {}),
          confidence: 'medium',
          evidence: [evidence],
        });
      } else {
        const client = clientOf(inputs.libraries.get(name) ?? [], inputs.libraries.get(target) ?? []);
        if (client) {
          add({
            from: name,
            to: target,
            kind: kindOf(target),
            protocol: protocolTo(target, undefined) ?? 'http',
            confidence: 'low',
            evidence: [
              evidence,
              {
                kind: 'library',
                file: client.use.file,
                ...lineOf(client.use),
                text: `${client.use.purl} (${client.what})`,
              },
            ],
          });
        }
      }
    }
  }
  return [...calls.values()].sort((a, b) => (a.from + a.to < b.from + b.to ? -1 : 1));
}

/**
 * A git repository's address (`https://github.com/acme/config`, `git@…`, `…/x.git`, a `git.uri`
 * setting) is where configuration or code is fetched from, not a service called at run time.
 */
function isRepositoryAddress(key: string, address: { host: string; url?: string }): boolean {
  if (/(^|[._-])git([._-]|$)/i.test(key)) return true;
  const url = address.url ?? '';
  if (/\.git(\/|$)/.test(url)) return true;
  return /^(github\.com|gitlab\.com|bitbucket\.org)$/.test(address.host);
}

function lineOf(at: { line?: number }): { line?: number } {
  return at.line === undefined ? {} : { line: at.line };
}

/** The caller's client library of what the target serves, and what it is; undefined when none. */
function clientOf(
  caller: readonly LibraryUse[],
  target: readonly LibraryUse[],
): { use: LibraryUse; what: string } | undefined {
  for (const pair of CLIENT_SERVER) {
    if (!target.some((l) => pair.server.test(l.purl))) continue;
    const use = caller.find((l) => pair.client.test(l.purl));
    if (use) return { use, what: pair.what };
  }
  return undefined;
}
