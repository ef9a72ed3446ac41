/**
 * The graph questions: impact, deps, why, cycles, skew, list. Each loads the graph (crawl or
 * snapshot), asks one pure query of it, and prints text or JSON.
 */
import { Option, type Command } from 'commander';
import { EXIT_FINDINGS, UsageError } from '../../errors.js';
import { findCycles } from '../../graph/find-cycles.js';
import { findSkew } from '../../graph/find-skew.js';
import { toQueryGraph, type QueryGraph } from '../../graph/query-graph.js';
import { resolveNode } from '../../graph/resolve-node.js';
import { dependenciesOf, impactOf, pathsBetween, type WalkOptions } from '../../graph/traverse.js';
import type { EdgeType, GraphNode, Snapshot } from '../../graph/types.js';
import { terminalText } from '../../render/escape/index.js';
import type { CliContext } from '../context.js';
import { count } from '../format-problems.js';
import { addGraphInputOptions, loadGraph, parsePositiveInt, type GraphInputOptions } from '../load-graph.js';
import { reportScan } from '../report-scan.js';
import { describeNode, json, reachedJson, reachedText, skewText, table } from '../format-answers.js';
import { suggest } from '../../util/suggest.js';

interface QueryOptions extends GraphInputOptions {
  format: 'text' | 'json';
}

function withInput(command: Command): Command {
  command.addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'));
  return addGraphInputOptions(command);
}

async function snapshotFor(sources: string[], options: QueryOptions, ctx: CliContext): Promise<Snapshot> {
  const { snapshot } = await loadGraph(sources, { ...options, quiet: options.quiet ?? false }, ctx);
  // Broken repos are reported on stderr; the question is still answered on the rest, and the
  // exit code says the answer may be incomplete (as scan, docs and render do).
  const { failed } = reportScan(snapshot, ctx, { quiet: true });
  if (failed > 0) ctx.exitCode = EXIT_FINDINGS;
  return snapshot;
}

/** impact, deps, why and cycles walk edges only: an index of them, not a graphology graph (query-graph.ts). */
async function walkGraphFor(sources: string[], options: QueryOptions, ctx: CliContext): Promise<QueryGraph> {
  return toQueryGraph(await snapshotFor(sources, options, ctx));
}

function edgeTypesOption(value: string | undefined): ReadonlySet<EdgeType> | undefined {
  if (!value || value === 'all') return undefined;
  if (value === 'services') return new Set<EdgeType>(['calls-service']);
  if (value === 'libraries') return new Set<EdgeType>(['uses-library']);
  throw new UsageError(`--edges "${value}" is not one of all, services, libraries`);
}

export function register(program: Command, ctx: CliContext): void {
  // impact and deps are the same walk in opposite directions.
  const walks = [
    {
      name: 'impact',
      description: 'everything that depends on a node, transitively, with path and depth: its blast radius',
      examples: [
        'depmap impact payments ./repos/*',
        'depmap impact pkg:npm/lodash --snapshot graph.json --format json',
      ],
      walk: impactOf,
      key: 'dependents',
      title: (id: string) => `impact of ${id}`,
      unit: 'dependent',
    },
    {
      name: 'deps',
      description: 'what a node depends on, transitively',
      examples: ['depmap deps checkout --depth 1', 'depmap deps checkout --edges services --snapshot graph.json'],
      walk: dependenciesOf,
      key: 'dependencies',
      title: (id: string) => `dependencies of ${id}`,
      unit: 'node',
    },
  ];
  for (const spec of walks) {
    withInput(
      program
        .command(spec.name)
        .description(spec.description)
        .argument('<node>', 'component or service name, or a library purl')
        .argument('[sources...]', 'repos to crawl (default: config or .)')
        .option('--depth <n>', 'stop at this depth', parsePositiveInt)
        .addOption(
          new Option('--edges <which>', 'follow which edges').choices(['all', 'services', 'libraries']).default('all'),
        ),
    )
      .addHelpText('after', `\nExamples:\n${spec.examples.map((e) => `  $ ${e}`).join('\n')}`)
      .action(async (node: string, sources: string[], options: QueryOptions & { depth?: number; edges?: string }) => {
        const graph = await walkGraphFor(sources, options, ctx);
        const id = resolveNode(graph, node);
        const walk: WalkOptions = {};
        if (options.depth) walk.maxDepth = options.depth;
        const types = edgeTypesOption(options.edges);
        if (types) walk.edgeTypes = types;
        const reached = spec.walk(graph, id, walk);
        if (options.format === 'json') {
          ctx.stdout.write(json({ node: id, [spec.key]: reachedJson(graph, reached) }));
        } else {
          ctx.stdout.write(
            `${terminalText(`${spec.title(id)} [${describeNode(graph.getNodeAttributes(id))}]`)}: ${count(reached.length, spec.unit)}\n`,
          );
          if (reached.length > 0) ctx.stdout.write(`${reachedText(graph, reached)}\n`);
        }
      });
  }

  withInput(
    program
      .command('why')
      .description('the dependency paths from one node to another')
      .argument('<from>', 'the dependent: component name')
      .argument('<to>', 'the dependency: component, service or library purl')
      .argument('[sources...]', 'repos to crawl (default: config or .)')
      .option('--max <n>', 'at most this many paths (default 20)', parsePositiveInt),
  )
    .addHelpText(
      'after',
      `
Examples:
  $ depmap why web orders-db
  $ depmap why checkout pkg:npm/lodash --snapshot graph.json`,
    )
    .action(async (from: string, to: string, sources: string[], options: QueryOptions & { max?: number }) => {
      const graph = await walkGraphFor(sources, options, ctx);
      const a = resolveNode(graph, from);
      const b = resolveNode(graph, to);
      if (a === b)
        throw new UsageError(`"${from}" and "${to}" are the same node`, {
          hint: 'give the dependent first and what it depends on second',
        });
      const paths = pathsBetween(graph, a, b, { maxPaths: options.max ?? 20 });
      if (options.format === 'json') {
        ctx.stdout.write(json({ from: a, to: b, paths }));
      } else if (paths.length === 0) {
        ctx.stdout.write(`${terminalText(a)} does not depend on ${terminalText(b)}\n`);
      } else {
        ctx.stdout.write(`${terminalText(a)} depends on ${terminalText(b)} through ${count(paths.length, 'path')}:\n`);
        for (const p of paths) ctx.stdout.write(`  ${terminalText(p.join(' → '))}\n`);
      }
    });

  withInput(
    program
      .command('cycles')
      .description('service call cycles (exit 1 when there are any)')
      .argument('[sources...]', 'repos to crawl (default: config or .)'),
  )
    .addHelpText(
      'after',
      `
Examples:
  $ depmap cycles ./repos/*
  $ depmap cycles --snapshot graph.json --format json`,
    )
    .action(async (sources: string[], options: QueryOptions) => {
      const cycles = findCycles(await walkGraphFor(sources, options, ctx));
      if (options.format === 'json') ctx.stdout.write(json({ cycles }));
      else if (cycles.length === 0) ctx.stdout.write('no service call cycles\n');
      else {
        ctx.stdout.write(`${count(cycles.length, 'service call cycle')}:\n`);
        for (const c of cycles)
          ctx.stdout.write(
            `  ${terminalText(`${c.example.join(' → ')}${c.members.length > c.example.length - 1 ? `  (component of ${c.members.length}: ${c.members.join(', ')})` : ''}`)}\n`,
          );
      }
      if (cycles.length > 0) ctx.exitCode = EXIT_FINDINGS;
    });

  withInput(
    program
      .command('skew')
      .description(
        'one library at several versions; one API consumed at several versions or at one its provider does not offer',
      )
      .argument('[sources...]', 'repos to crawl (default: config or .)')
      .option('--transitive', 'count transitive library versions from lockfiles too'),
  )
    .addHelpText(
      'after',
      `
An API version is satisfied when its provider lists it, or (semantic versions) lists one of
the same major that is not older. Exit 1 when there is skew.

Examples:
  $ depmap skew ./repos/*
  $ depmap skew --snapshot graph.json --format json`,
    )
    .action(async (sources: string[], options: QueryOptions & { transitive?: boolean }) => {
      const snapshot = await snapshotFor(sources, options, ctx);
      const report = findSkew(snapshot, { includeTransitive: options.transitive === true });
      if (options.format === 'json') ctx.stdout.write(json(report));
      else ctx.stdout.write(skewText(report));
      if (report.libraries.length + report.apis.length + report.mismatches.length > 0) ctx.exitCode = EXIT_FINDINGS;
    });

  withInput(
    program
      .command('list')
      .description('list components, services (resources and external nodes) or libraries')
      .argument('<what>', 'components | services | libraries')
      .argument('[sources...]', 'repos to crawl (default: config or .)')
      .option('--system <name>', 'only this system')
      .option('--owner <team>', 'only this owner')
      .option('--kind <kind>', 'only this kind (service, database, npm, …)'),
  )
    .addHelpText(
      'after',
      `
Examples:
  $ depmap list components --system commerce
  $ depmap list services --kind database
  $ depmap list libraries --kind npm --snapshot graph.json --format json`,
    )
    .action(
      async (
        what: string,
        sources: string[],
        options: QueryOptions & { system?: string; owner?: string; kind?: string },
      ) => {
        const kinds: Record<string, GraphNode['type'][]> = {
          components: ['component'],
          services: ['component', 'resource'],
          libraries: ['library'],
        };
        const types = kinds[what];
        if (!types) throw new UsageError(`cannot list "${what}"`, { hint: 'use components, services or libraries' });
        const snapshot = await snapshotFor(sources, options, ctx);
        const users = new Map<string, Set<string>>();
        for (const e of snapshot.edges) {
          const set = users.get(e.target) ?? new Set<string>();
          set.add(e.source);
          users.set(e.target, set);
        }
        // A filter value that no node has is a typo more often than an empty answer.
        const candidates = snapshot.nodes.filter((n) => types.includes(n.type));
        for (const [flag, key] of [
          ['--system', 'system'],
          ['--owner', 'owner'],
          ['--kind', 'kind'],
        ] as const) {
          const wanted = options[key];
          if (wanted === undefined) continue;
          const known = new Set(candidates.map((n) => n[key]).filter((v): v is string => typeof v === 'string'));
          if (!known.has(wanted)) {
            const [best] = suggest(wanted, known);
            throw new UsageError(`no ${what} with ${flag} ${wanted}`, {
              hint: best ? `did you mean "${best}"?` : `known: ${[...known].sort().join(', ') || 'none'}`,
            });
          }
        }
        const nodes = snapshot.nodes.filter(
          (n) =>
            types.includes(n.type) &&
            (what !== 'services' || n.type === 'resource' || (users.get(n.id)?.size ?? 0) > 0) &&
            (!options.system || n.system === options.system) &&
            (!options.owner || n.owner === options.owner) &&
            (!options.kind || n.kind === options.kind),
        );
        if (options.format === 'json') {
          ctx.stdout.write(json(nodes.map((n) => ({ ...n, usedBy: [...(users.get(n.id) ?? [])].sort() }))));
          return;
        }
        const rows = nodes.map((n) => [
          n.id,
          n.kind,
          n.system ?? '',
          n.owner ?? '',
          String(users.get(n.id)?.size ?? 0),
          n.unresolved ? 'unresolved' : '',
        ]);
        ctx.stdout.write(table(['NAME', 'KIND', 'SYSTEM', 'OWNER', 'USED BY', ''], rows));
        ctx.stdout.write(
          `${what === 'libraries' ? count(nodes.length, 'library', 'libraries') : count(nodes.length, what.slice(0, -1))}\n`,
        );
      },
    );
}
