/**
 * Scores a depmap snapshot against a hand-read truth.yaml of the real-world corpus, by the
 * rules of its README: names matched through the truth's aliases, edges by caller and callee,
 * precision over application edges with tolerated, code-only, optional and telemetry edges
 * left out. Pure: a truth object and a snapshot in, numbers out.
 */

const entitiesOf = (truth) => [
  ...(truth.services ?? []).map((e) => ({ ...e, role: 'service' })),
  ...(truth.optional_services ?? []).map((e) => ({ ...e, role: 'optional-service' })),
  ...(truth.infrastructure ?? []).map((e) => ({ ...e, role: 'infra' })),
  ...(truth.optional_infrastructure ?? []).map((e) => ({ ...e, role: 'optional-infra' })),
  ...(truth.externals ?? []).map((e) => ({ ...e, role: 'external' })),
];

const TELEMETRY_KINDS = new Set(['telemetry', 'tracing', 'monitoring']);
const list = (v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const pairKey = (from, to) => `${from} -> ${to}`;

/** Maps every name the truth knows an entity by (name, k8s_name, hostname, aliases) to its name. */
function aliasMap(truth) {
  const map = new Map();
  for (const e of entitiesOf(truth)) {
    for (const n of [e.name, e.k8s_name, e.hostname, ...list(e.aliases)]) if (n) map.set(String(n), e.name);
  }
  return map;
}

/** The name a found node is scored under: the truth's, when it knows the node by another name. */
const canonical = (aliases, id) => aliases.get(id) ?? id;

/** depmap's vocabulary folds https into http (TLS is not a protocol of its own there); notes in parentheses are notes. */
function normalizeProtocol(p) {
  const v = String(p ?? '')
    .toLowerCase()
    .replace(/\s*\(.*\)$/, '')
    .replace(/^https$/, 'http');
  if (v === 'postgresql') return 'postgres';
  if (v === 'mariadb') return 'mysql';
  if (v === 'rabbitmq') return 'amqp';
  return v;
}

/** The library's name as the truth writes it, from a purl without version. */
function libraryName(purl) {
  const m = /^pkg:([^/]+)\/(.+)$/.exec(purl);
  if (!m) return purl;
  const [, type, rest] = m;
  const name = decodeURIComponent(rest.split('?')[0]);
  if (type === 'maven') {
    const i = name.lastIndexOf('/');
    return `${name.slice(0, i)}:${name.slice(i + 1)}`;
  }
  return name;
}

const sameLibrary = (a, b) =>
  String(a)
    .toLowerCase()
    .replace(/[-_.]+/g, '-') ===
  String(b)
    .toLowerCase()
    .replace(/[-_.]+/g, '-');

/** Pin class of an image as depmap says it: its own class when it gives one, else read from its verdict. */
function imageClass(image, pin) {
  if (pin?.class) return pin.class;
  if (!pin) return undefined;
  if (pin.pinned) return /@sha256:/.test(image ?? '') ? 'digest' : 'exact';
  const reason = String(pin.reason ?? '');
  if (/no tag|untagged|without a tag/i.test(reason)) return 'none';
  return 'floating';
}

const ratio = (found, of) => ({ found, of, value: of === 0 ? 1 : found / of });

export function scoreSnapshot(truth, snapshot) {
  const aliases = aliasMap(truth);
  const entities = entitiesOf(truth);
  const byName = new Map(entities.map((e) => [e.name, e]));
  const services = new Set((truth.services ?? []).map((e) => e.name));
  const callers = new Set([...services, ...(truth.optional_services ?? []).map((e) => e.name)]);
  const telemetryTargets = new Set(entities.filter((e) => TELEMETRY_KINDS.has(e.kind)).map((e) => e.name));

  const truthEdges = new Map((truth.edges ?? []).map((e) => [pairKey(e.from, e.to), e]));
  const leftOut = new Set();
  for (const group of ['tolerated_edges', 'code_only_edges', 'optional_edges', 'telemetry_edges']) {
    for (const e of truth[group] ?? []) {
      for (const from of list(e.from)) for (const to of list(e.to)) leftOut.add(pairKey(from, to));
    }
  }

  // Found calls, by caller and callee under the truth's names; one pair may carry several protocols.
  const found = new Map();
  for (const edge of snapshot.edges ?? []) {
    if (edge.type !== 'calls-service') continue;
    const key = pairKey(canonical(aliases, edge.source), canonical(aliases, edge.target));
    const entry = found.get(key) ?? { protocols: new Set(), edges: [] };
    if (edge.protocol) entry.protocols.add(normalizeProtocol(edge.protocol));
    entry.edges.push(edge);
    found.set(key, entry);
  }

  const recalled = [...truthEdges.keys()].filter((k) => found.has(k));
  const missed = [...truthEdges.keys()].filter((k) => !found.has(k));
  const application = [...found.keys()].filter((k) => {
    const [from, to] = k.split(' -> ');
    return callers.has(from) && !leftOut.has(k) && !telemetryTargets.has(to);
  });
  const falsePositives = application.filter((k) => !truthEdges.has(k));
  const protocolsRight = recalled.filter((k) =>
    found.get(k).protocols.has(normalizeProtocol(truthEdges.get(k).protocol)),
  );
  const withoutPlatform = [...truthEdges.values()].filter((e) => e.role !== 'platform' && !e.external);

  // Nodes: application services and infrastructure of the default deployment.
  const foundNodes = new Set(
    (snapshot.nodes ?? []).filter((n) => n.type !== 'library').map((n) => canonical(aliases, n.id)),
  );
  const wantedNodes = [...services, ...(truth.infrastructure ?? []).map((e) => e.name)];

  // Libraries: per service of the default deployment, the direct entries its own build files list.
  const libsBySource = new Map();
  for (const edge of snapshot.edges ?? []) {
    if (edge.type !== 'uses-library') continue;
    const source = canonical(aliases, edge.source);
    const entries = libsBySource.get(source) ?? [];
    entries.push({ name: libraryName(edge.target), version: edge.version, transitive: edge.transitive === true });
    libsBySource.set(source, entries);
  }
  const libraryRows = [];
  for (const lib of truth.libraries ?? []) {
    if (!services.has(lib.service)) continue;
    const listed = [...list(lib.direct), ...list(lib.requires).filter((r) => r.scope === 'direct')].filter(
      (d) => d.scope !== 'platform',
    );
    const have = libsBySource.get(lib.service) ?? [];
    let entries = 0;
    let versions = 0;
    for (const d of listed) {
      const name = d.ga ?? d.name;
      // The truth lists direct entries: a second version a lockfile holds for another package is not one.
      const match =
        have.find((h) => !h.transitive && sameLibrary(h.name, name)) ?? have.find((h) => sameLibrary(h.name, name));
      if (!match) continue;
      entries++;
      const right = [d.written, d.version, d.locked].filter((v) => v !== undefined && v !== null).map(String);
      // No version anywhere in the truth (managed by a parent outside the corpus): right when none is claimed.
      if (right.length === 0 ? match.version === undefined : right.includes(String(match.version))) versions++;
    }
    libraryRows.push({ service: lib.service, listed: listed.length, entries, versions, own: have.length > 0 });
  }
  const servicesWithLibraries = new Set(libraryRows.map((r) => r.service));
  const ownLibraries = [...servicesWithLibraries].filter((s) => (libsBySource.get(s) ?? []).length > 0);

  // Images: each service's and infrastructure's own image, with the pin class depmap gives it.
  const imageRows = [];
  for (const e of [...(truth.services ?? []), ...(truth.infrastructure ?? [])]) {
    if (!e.image?.pin) continue;
    const node = (snapshot.nodes ?? []).find((n) => canonical(aliases, n.id) === e.name);
    let image = node?.image;
    let pin = node?.imagePin;
    if (!image) {
      const incoming = (snapshot.edges ?? []).find(
        (x) => x.type === 'calls-service' && canonical(aliases, x.target) === e.name && x.image,
      );
      image = incoming?.image;
      pin = incoming?.imagePin;
    }
    imageRows.push({ name: e.name, want: e.image.pin, got: image ? imageClass(image, pin) : undefined });
  }

  return {
    nodes: ratio(wantedNodes.filter((n) => foundNodes.has(n)).length, wantedNodes.length),
    missingNodes: wantedNodes.filter((n) => !foundNodes.has(n)),
    // Nodes the truth does not know at all (a dev-only stack's service, the checkout folder as a component).
    extraNodes: [...foundNodes].filter((n) => !byName.has(n)),
    nodePrecision: ratio([...foundNodes].filter((n) => byName.has(n)).length, foundNodes.size),
    recall: ratio(recalled.length, truthEdges.size),
    recallWithoutPlatform: ratio(
      withoutPlatform.filter((e) => found.has(pairKey(e.from, e.to))).length,
      withoutPlatform.length,
    ),
    hasPlatform: withoutPlatform.length !== truthEdges.size,
    precision: ratio(application.length - falsePositives.length, application.length),
    protocols: ratio(protocolsRight.length, recalled.length),
    missed,
    falsePositives,
    protocolMisses: recalled
      .filter((k) => !protocolsRight.includes(k))
      .map((k) => `${k} ${[...found.get(k).protocols].join('/') || 'none'} (truth ${truthEdges.get(k).protocol})`),
    libraries: {
      services: ratio(ownLibraries.length, servicesWithLibraries.size),
      entries: ratio(
        libraryRows.reduce((n, r) => n + r.entries, 0),
        libraryRows.reduce((n, r) => n + r.listed, 0),
      ),
      versions: ratio(
        libraryRows.reduce((n, r) => n + r.versions, 0),
        libraryRows.reduce((n, r) => n + r.entries, 0),
      ),
      rows: libraryRows,
    },
    images: ratio(imageRows.filter((r) => r.got === r.want).length, imageRows.length),
    imageRows,
    byName,
  };
}
