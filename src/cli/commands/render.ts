/**
 * `depmap render`: one view of the graph as Mermaid, SVG, DOT or JSON, on stdout (one
 * diagram) or as files in a folder (a view split into several diagrams).
 */
import { terminalText } from '../../render/escape/index.js';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { EXIT_FINDINGS, UsageError } from '../../errors.js';
import type { CliContext } from '../context.js';
import { addGraphInputOptions, parsePositiveInt, type GraphInputOptions } from '../load-graph.js';
import { DIAGRAM_FORMATS, MERMAID_STYLES, type MermaidStyle } from '../../render/diagram-formats.js';
import { formatsHelp, runSteps } from '../../render/output-format.js';
import { VIEWS, type ViewName } from '../../render/view-names.js';
import { createProgress } from '../progress.js';

interface RenderOptions extends GraphInputOptions {
  format: string;
  style: MermaidStyle;
  view?: ViewName;
  focus?: string;
  depth: number;
  system?: string;
  libraries?: boolean;
  maxEdges?: number;
  out?: string;
}

export function register(program: Command, ctx: CliContext): void {
  const command = program
    .command('render')
    .description('draw architecture diagrams: Mermaid, SVG, Graphviz DOT or JSON')
    .argument('[sources...]', "repos to crawl: folders, globs, git URLs (default: the config's sources, else .)")
    .addOption(new Option('-f, --format <format>', 'output format').choices(DIAGRAM_FORMATS.names()).default('mermaid'))
    .addOption(
      new Option('--style <style>', 'Mermaid syntax: a flowchart, or architecture-beta')
        .choices(MERMAID_STYLES)
        .default('flowchart'),
    )
    .addOption(
      new Option(
        '--view <view>',
        'what to draw (default: focus with --focus, system with --system, else architecture)',
      ).choices(VIEWS),
    )
    .option('--focus <node>', 'the neighbourhood of this component, service or library (callers and callees)')
    .option('--depth <n>', 'steps from the --focus node, each way', parsePositiveInt, 1)
    .option('--system <name>', 'one system in detail, with what it talks to')
    .option('--libraries', 'draw libraries too (left out by default)')
    .option(
      '--max-edges <n>',
      "split Mermaid diagrams with more edges than this (default 80; never more than Mermaid's 500)",
      parsePositiveInt,
    )
    .option('-o, --out <dir>', 'write one file per diagram into this folder (needed when a view is split)');
  addGraphInputOptions(command);
  command.addHelpText(
    'after',
    `
Views:
  architecture  every component and resource, one subgraph per system (the default). Over
                80 edges it is split: an overview of the systems plus one diagram per system,
                and a system too big for one diagram is split into parts.
  overview      systems as nodes, with the number of calls between them
  system        one system (--system) with the components of other systems it talks to
  focus         callers and callees of one node (--focus, --depth)
  libraries     one component's libraries (--focus) with versions and pin status

Node shapes follow the kind (database cylinder, queue, cache, external, frontend, job);
edges carry the protocol and API version (a resource every caller reaches by the same
protocol names it once: "queue · kafka"); unpinned versions are red, unresolved services
red with a dashed outline, calls to them dotted, critical calls thick. Mermaid diagrams
stay under Mermaid's limits (500 edges, 50,000 characters), so GitHub renders every one;
what was split is said on stderr. DOT and JSON draw the view whole. SVG needs Chrome or
Chromium (found through PUPPETEER_EXECUTABLE_PATH, the usual install paths, or Puppeteer's
cache).

${formatsHelp(DIAGRAM_FORMATS)}

Examples:
  $ depmap render ./repos/* > architecture.mmd
  $ depmap render --snapshot graph.json --format svg --out diagrams/
  $ depmap render --snapshot graph.json --focus checkout --depth 2 --format dot | dot -Tpng > checkout.png
  $ depmap render --snapshot graph.json --view libraries --focus web-shop
  $ depmap render --snapshot graph.json --system commerce --style architecture`,
  );
  command.action(async (sources: string[], options: RenderOptions) => {
    ctx.exitCode = await runRender(sources, options, ctx);
  });
}

function chooseView(options: RenderOptions): ViewName {
  const view = options.view ?? (options.focus ? 'focus' : options.system ? 'system' : 'architecture');
  if ((view === 'focus' || view === 'libraries') && !options.focus)
    throw new UsageError(`--view ${view} needs --focus <node>`);
  if (view === 'system' && !options.system) throw new UsageError('--view system needs --system <name>');
  if (options.focus && view !== 'focus' && view !== 'libraries')
    throw new UsageError(`--focus does not apply to --view ${view}`);
  if (options.system && view !== 'system') throw new UsageError(`--system does not apply to --view ${view}`);
  if (options.style === 'architecture' && !DIAGRAM_FORMATS.get(options.format).mermaid) {
    throw new UsageError(`--style architecture is a Mermaid syntax; it does not apply to --format ${options.format}`);
  }
  return view;
}

export async function runRender(sources: readonly string[], options: RenderOptions, ctx: CliContext): Promise<number> {
  const view = chooseView(options);
  // Views, plans and the crawl load only when the command runs, so other commands start fast.
  const [
    { loadGraph },
    { reportScan },
    { writeFilesAtomic },
    { renderView },
    { toGraphology },
    { resolveNode },
    { suggest },
  ] = await Promise.all([
    import('../load-graph.js'),
    import('../report-scan.js'),
    import('../../io/write-file.js'),
    import('../../render/select-view.js'),
    import('../../graph/graphology.js'),
    import('../../graph/resolve-node.js'),
    import('../../util/suggest.js'),
  ]);
  const { snapshot } = await loadGraph(sources, options, ctx);
  const { failed } = reportScan(snapshot, ctx, { quiet: true });
  const request: Parameters<typeof renderView>[1] = {
    view,
    format: options.format,
    style: options.style,
    depth: options.depth,
  };
  if (options.libraries) request.libraries = true;
  if (options.maxEdges) request.maxEdges = options.maxEdges;
  if (options.focus) {
    request.focus = resolveNode(toGraphology(snapshot), options.focus);
    if (view === 'libraries' && snapshot.nodes.find((n) => n.id === request.focus)?.type !== 'component') {
      throw new UsageError(`--view libraries needs a component; ${request.focus} is not one`);
    }
  }
  if (options.system) {
    const systems = [...new Set(snapshot.nodes.map((n) => n.system).filter((s): s is string => s !== undefined))];
    if (!systems.includes(options.system)) {
      const close = suggest(options.system, systems, 3);
      throw new UsageError(`no system named "${options.system}"`, {
        hint:
          close.length > 0
            ? `did you mean ${close.map((c) => `"${c}"`).join(', ')}?`
            : `systems: ${systems.sort().join(', ') || 'none'}`,
      });
    }
    request.system = options.system;
  }
  const rendered = renderView(snapshot, request);
  if (!options.out && rendered.outputs.length > 1) {
    for (const note of rendered.notes) ctx.stderr.write(`depmap: ${note}\n`);
    throw new UsageError(`this view is ${rendered.outputs.length} diagrams, and stdout takes one`, {
      hint: 'give --out <dir> to write one file per diagram',
    });
  }
  const format = DIAGRAM_FORMATS.get(options.format);
  // Drawing SVGs is most of the time: a bar on a terminal while it runs.
  const progress = createProgress(ctx.stderr, 'drawing SVGs', { quiet: options.quiet, env: ctx.env });
  let steps;
  try {
    steps = await runSteps(format, rendered.outputs, ctx.env, {
      onProgress: (done, total, name) => progress.update(done, total, name),
    });
  } finally {
    progress.done();
  }
  const texts = steps.map((o) => ({ file: `${o.name}.${format.extension}`, text: o.text }));
  if (options.out) {
    const dir = path.resolve(ctx.cwd, options.out);
    // All diagrams or none: a failure half way leaves every file of the last run as it was.
    await writeFilesAtomic(texts.map(({ file, text }) => [path.join(dir, file), text] as const));
    if (!options.quiet) {
      const list =
        texts.length <= 3
          ? texts.map((t) => path.join(options.out as string, t.file)).join(', ')
          : `${texts.length} files to ${options.out}`;
      ctx.stderr.write(`depmap: wrote ${terminalText(list)}\n`);
    }
  } else {
    ctx.stdout.write((texts[0] as { text: string }).text);
  }
  for (const note of rendered.notes) ctx.stderr.write(`depmap: ${note}\n`);
  return failed > 0 ? EXIT_FINDINGS : 0;
}
