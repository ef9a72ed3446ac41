/**
 * `depmap init` without the disk: from a repo's files to the depmap.yaml of each unit (one
 * per package in a monorepo). Identity comes from the package files and Backstage;
 * libraries are `from:` references to the best lockfile of each family (or inline pins
 * with `inline`); services come from the compose, Kubernetes and Backstage files that
 * describe the unit. Every guess carries a TODO comment, and every manifest is parsed
 * before it is returned, so `init` never writes one that `depmap validate` rejects.
 */
import { quotedScalar } from '../../util/control-chars.js';
import { inDirOf, INIT_SKIPPED_DIRS } from '../../util/skipped-dirs.js';
import { manifestSchema } from '../../manifest/schema.js';
import { COMPONENT_KINDS as KINDS } from '../../manifest/vocabulary.js';

const COMPONENT_KINDS: readonly string[] = KINDS;
import { pickComponent, servicesFor } from '../services-for.js';
import { librarySourcesOf } from '../library-sources.js';
import { unsupportedMessage, unsupportedSourcesOf } from '../unsupported-sources.js';
import { dirname } from '../../util/paths.js';
import { cachedReader, type RepoFile } from '../discover.js';
import type { DiscoveredComponent, ImportedServiceRef } from '../types.js';
import { findUnits, unitFile, type Unit } from './find-units.js';
import { identify } from './identify.js';
import { fromLibraries, inlineLibraries } from './library-entries.js';
import { flowMap, scalar, type Line } from './manifest-yaml.js';
import { plannedManifest, type PlannedManifest } from './planned-manifest.js';

export type { PlannedManifest } from './planned-manifest.js';
import { withObserved, type ObservedCalls } from './observed-services.js';
import { serviceEntries } from './service-entries.js';
import { ownerOf, readTopology, type Topology } from './unit-topology.js';

export interface InitOptions {
  /** Write direct dependencies as pinned purls instead of `from:` references. */
  inline?: boolean;
  /** Name of the repo folder, for a root unit that names itself nowhere else. */
  rootName: string;
  /** Overrides for a single-unit repo. */
  name?: string;
  kind?: string;
  system?: string;
  owner?: string;
  /**
   * What traces show a component calls (`init --observed`), by its name or one of its
   * aliases: written after what the files show, each with its evidence.
   */
  observed?: ObservedCalls;
}

export function planInit(files: RepoFile[], options: InitOptions): PlannedManifest[] {
  const byPath = new Map<string, RepoFile>();
  // Files listed other than by init's walk are held to the folders it never enters.
  for (const file of files) if (!inDirOf(file.path, INIT_SKIPPED_DIRS)) byPath.set(file.path, file);
  const read = cachedReader(byPath);
  const paths = [...byPath.keys()].sort();
  const present = new Set(paths);
  const { units, monorepo } = findUnits(paths, read);
  const topology = readTopology(paths, read);

  return units.map((unit) => {
    // A unit owns the topology files in its folder; the root's files are shared by all.
    const own = topology.filter((t) => ownerOf(t.path, units) === unit.dir);
    const shared = monorepo ? topology.filter((t) => ownerOf(t.path, units) === undefined) : [];
    return planUnit(unit, {
      own,
      shared,
      present,
      read,
      options: units.length === 1 ? options : { ...options, name: undefined, kind: undefined },
    });
  });
}

/**
 * Why a value cannot be the manifest's name, system or owner as given, or undefined when it
 * can: the spec's own rule, so `init` never writes what `validate` rejects.
 */
export function fieldProblem(field: 'name' | 'system' | 'owner', value: string): string | undefined {
  if (value.trim() === '') return 'must not be empty';
  const parsed = manifestSchema.shape[field].safeParse(value);
  return parsed.success ? undefined : (parsed.error.issues[0]?.message ?? 'not valid');
}

interface UnitInput {
  own: Topology[];
  shared: Topology[];
  present: ReadonlySet<string>;
  read: (path: string) => string | undefined;
  options: InitOptions;
}

function planUnit(unit: Unit, input: UnitInput): PlannedManifest {
  const { own, shared, present, read, options } = input;
  const file = unitFile(unit);
  let todos = 0;
  const todo = (text: string) => {
    todos++;
    return `TODO: ${text}`;
  };

  // The unit's own catalog file (in its folder, not a sub-folder's) says who it is.
  const catalog = own
    .filter((t) => t.importer === 'backstage' && dirname(t.path) === unit.dir)
    .flatMap((t) => t.result.components.filter((c) => !c.infrastructure));
  const backstage = catalog.length === 1 ? catalog[0] : undefined;
  const identity = identify(
    unit.dir,
    options.rootName,
    present,
    read,
    backstage
      ? {
          name: backstage.name,
          kind: backstage.kind,
          ...(backstage.description ? { description: backstage.description } : {}),
        }
      : undefined,
  );
  // A folder name says little: the service its own compose file builds says more.
  if (identity.nameFrom === 'folder name') {
    for (const topo of own) {
      const pick = pickComponent(topo.result, identity.name);
      const node = topo.result.components.find((c) => c.name === pick.name);
      if (node && node.name !== identity.name && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(node.name)) {
        identity.name = node.name;
        identity.nameFrom = `${topo.path}: ${pick.reason}`;
        delete identity.nameOriginal;
        delete identity.nameDoubt;
        break;
      }
    }
  }
  const name = options.name ?? identity.name;

  // The discovered node that is this unit, in its own files, or by exact name in shared ones.
  const services: { ref: ImportedServiceRef; file: string }[] = [];
  const nodes: (DiscoveredComponent & { file: string })[] = [];
  for (const topo of [...own, ...shared]) {
    const exactOnly = !own.includes(topo);
    const pick = pickComponent(topo.result, name);
    if (!pick.name || (exactOnly && pick.name.toLowerCase() !== name.toLowerCase())) continue;
    const node = topo.result.components.find((c) => c.name === pick.name);
    if (node) nodes.push({ ...node, file: topo.path });
    for (const ref of servicesFor(topo.result, name)) {
      if (ref.name.toLowerCase() === name.toLowerCase()) continue;
      const existing = services.find((s) => s.ref.name === ref.name && (s.ref.api ?? '') === (ref.api ?? ''));
      if (existing) {
        existing.ref.protocol ??= ref.protocol;
        existing.ref.version ??= ref.version;
        existing.ref.image ??= ref.image;
        continue;
      }
      services.push({ ref: { ...ref }, file: topo.path });
    }
  }
  withObserved(services, [name, ...nodes.flatMap((n) => n.name)], options);
  // A guessed kind yields to what runs the unit: compose or Kubernetes run a service or a job.
  const running = nodes.find((n) => !n.infrastructure && COMPONENT_KINDS.includes(n.kind));
  if (identity.kindGuess && running && identity.kind !== 'frontend') {
    identity.kind = running.kind;
    identity.kindGuess = `${running.file} runs it as ${running.kind === 'job' ? 'a job' : 'a service'}`;
  }
  const kind = options.kind ?? (COMPONENT_KINDS.includes(identity.kind) ? identity.kind : 'service');
  const system = options.system ?? backstage?.system ?? nodes.find((n) => n.system)?.system;
  const owner = options.owner ?? backstage?.owner ?? nodes.find((n) => n.owner)?.owner;
  const provides = backstage?.provides ?? nodes.find((n) => n.provides)?.provides ?? [];

  const lines: Line[] = [];
  const sources = librarySourcesOf(unit.dir, present);
  const madeFrom = [
    ...new Set([...sources.map((s) => s.path), ...nodes.map((n) => n.file), ...services.map((s) => s.file)]),
  ];
  lines.push({
    text: '',
    comment: `depmap.yaml of ${name}, written by \`depmap init\`${madeFrom.length > 0 ? ` from ${madeFrom.join(', ')}` : ''}.`,
  });
  lines.push({ text: '', comment: 'Settle the TODOs, then run `depmap validate`.' });
  lines.push({ text: 'depmap: 1' });
  const nameFrom = `from ${identity.nameFrom}${identity.nameOriginal !== undefined ? ` ${quotedScalar(identity.nameOriginal)}` : ''}`;
  lines.push({
    text: `name: ${scalar(name)}`,
    comment: options.name ? undefined : identity.nameDoubt ? todo(`${identity.nameDoubt} (${nameFrom})`) : nameFrom,
  });
  lines.push({
    text: `kind: ${kind}`,
    comment:
      !options.kind && identity.kindGuess
        ? todo(`guessed: ${identity.kindGuess}; one of ${COMPONENT_KINDS.join(', ')}`)
        : undefined,
  });
  // What a catalog or compose label says may not fit the spec: it becomes a TODO, not an invalid manifest.
  const systemProblem = system === undefined ? undefined : fieldProblem('system', system);
  if (system && !systemProblem) lines.push({ text: `system: ${scalar(system)}` });
  else if (system)
    lines.push({
      text: '',
      comment: `system: <system>  ${todo(`${quotedScalar(system)} is not a valid system name: ${systemProblem}`)}`,
    });
  else
    lines.push({
      text: '',
      comment: `system: <system>  ${todo('the system this component belongs to (one subgraph per system in diagrams)')}`,
    });
  const ownerProblem = owner === undefined ? undefined : fieldProblem('owner', owner);
  if (owner && !ownerProblem) lines.push({ text: `owner: ${scalar(owner)}` });
  else if (owner)
    lines.push({
      text: '',
      comment: `owner: <team>  ${todo(`${quotedScalar(owner.slice(0, 80))} is not a valid owner: ${ownerProblem}`)}`,
    });
  else lines.push({ text: '', comment: `owner: <team>  ${todo('the owning team')}` });
  if (identity.description) lines.push({ text: `description: ${scalar(identity.description)}` });

  const pinnedProvides = provides.filter((p) => p.version !== '');
  if (pinnedProvides.length > 0) {
    lines.push({ text: 'provides:' });
    for (const p of pinnedProvides)
      lines.push({
        text: `  - ${flowMap([
          ['api', p.api],
          ['protocol', p.protocol],
          ['version', p.version],
        ])}`,
      });
  }
  for (const p of provides.filter((p) => p.version === '')) {
    lines.push({
      text: '',
      comment: `provides: - ${flowMap([
        ['api', p.api],
        ['protocol', p.protocol],
        ['version', '<version>'],
      ])}  ${todo('the version of this API (Backstage does not say)')}`,
    });
  }
  if (provides.length === 0 && kind !== 'library' && kind !== 'cli') {
    lines.push({
      text: '',
      comment: `provides: - { api: ${name}-http, protocol: http, version: 1.0.0 }  ${todo('the APIs this component offers, if any')}`,
    });
  }

  const libraryLines = options.inline
    ? inlineLibraries(sources, unit, read, todo)
    : fromLibraries(sources, unit, read, todo);
  const hasLibraries = libraryLines.some((l) => l.text);
  if (hasLibraries) lines.push({ text: 'libraries:' });
  lines.push(...libraryLines);
  // What depmap cannot read is named with what to do, never taken for "no lockfile".
  const unread = unsupportedSourcesOf(unit.dir, present);
  for (const source of unread)
    lines.push({ text: '', comment: `libraries: - <purl>  ${todo(`${unsupportedMessage(source)}: ${source.hint}`)}` });
  if (!hasLibraries && sources.length === 0 && unread.length === 0)
    lines.push({
      text: '',
      comment: `libraries: - { from: <lockfile> }  ${todo('no lockfile or package file found: add one, or list purls')}`,
    });

  const serviceLines = serviceEntries(services, todo);
  if (serviceLines.length > 0) {
    lines.push({ text: 'services:' });
    lines.push(...serviceLines);
  } else if (kind !== 'library' && kind !== 'cli') {
    lines.push({
      text: '',
      comment: `services: - { name: <service>, protocol: http, version: <api version> }  ${todo('what this component calls: services, databases, queues, third-party APIs')}`,
    });
  }

  return plannedManifest(file, name, kind, lines, {
    inline: options.inline === true,
    services: services.length,
    todos,
  });
}
