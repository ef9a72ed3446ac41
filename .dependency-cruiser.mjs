/**
 * depmap's architecture, written as rules and checked on every `npm test` (`npm run lint`).
 *
 * Data flows one way: crawl → manifest → graph → (history, policy) → render, with the CLI on top.
 * A layer may import the layers it is built on, never one built on it: the pure core (the spec,
 * the importers, the graph, policy, renderers) knows nothing of the disk, git or the command
 * line, so it can be tested with values and reused by any front end.
 *
 * LAYERS below is the one source: each entry names a folder (or the base files) and what it may
 * import. The forbidden rules are generated from it, one per layer, each saying why.
 */

/** The base: typed errors, text helpers, the one reader and writer of files. Imports nothing above. */
const BASE = ['^src/util/', '^src/io/', '^src/[^/]+[.]ts$'];

const LAYERS = [
  {
    name: 'manifest',
    path: '^src/manifest/',
    may: [],
    why: 'the depmap.yaml spec (schema, parse, pin rules) is the bottom of the pipeline: every other layer reads it, it reads none of them',
  },
  {
    name: 'importers',
    path: '^src/importers/',
    may: ['manifest'],
    why: 'importers are pure readers of other formats into manifest values; finding and reading files is crawl’s job',
  },
  {
    name: 'graph',
    path: '^src/graph/',
    may: ['manifest'],
    why: 'the graph is built from manifests and answers questions about itself; it does not know where they came from',
  },
  {
    name: 'discovery',
    path: '^src/discovery/',
    may: ['manifest', 'importers'],
    why: 'discovery merges what the importers read of a repo into one deployment model and derives evidence from it; pure, like them',
  },
  {
    name: 'observe',
    path: '^src/observe/',
    may: ['manifest', 'graph'],
    why: 'observe reads traces and service-graph metrics (streamed files) and joins the calls they show with the declared graph; it knows nothing of crawling, history, policy or output',
  },
  {
    name: 'interop',
    path: '^src/interop/',
    may: ['manifest', 'importers', 'graph'],
    why: 'interop turns what the importers read of a whole catalog (Backstage, CycloneDX, SPDX) into graph entries; pure, like them',
  },
  {
    name: 'crawl',
    path: '^src/crawl/',
    may: ['manifest', 'importers', 'discovery', 'graph', 'interop'],
    why: 'crawl reads repos from disk and clones and hands the graph its entries; history, policy and output come after it',
  },
  {
    name: 'history',
    path: '^src/history/',
    may: ['manifest', 'importers', 'discovery', 'graph', 'crawl'],
    why: 'history replays manifests over git: it reuses crawl’s readers and the graph, and knows nothing of policy or output',
  },
  {
    name: 'policy',
    path: '^src/policy/',
    may: ['manifest', 'importers', 'graph'],
    why: 'policy rules judge a graph or a diff and return findings as data; reading repos and printing reports are elsewhere',
  },
  {
    name: 'render',
    path: '^src/render/',
    may: ['manifest', 'graph', 'history', 'policy'],
    why: 'renderers turn graphs, diffs, timelines and findings into text; they never crawl or parse command lines',
  },
  {
    name: 'export',
    path: '^src/export/',
    may: ['manifest', 'importers', 'graph', 'render'],
    why: 'exporters write the graph in other tools’ formats (reusing render’s escaping and the importers’ property names)',
  },
];

const pathOf = Object.fromEntries(LAYERS.map((l) => [l.name, l.path]));

const layerRules = LAYERS.map((layer) => ({
  name: `${layer.name}-stays-below`,
  comment: `${layer.name} may import only ${['the base', ...layer.may].join(', ')}: ${layer.why}.`,
  severity: 'error',
  from: { path: layer.path },
  to: { path: '^src/', pathNot: [layer.path, ...BASE, ...layer.may.map((name) => pathOf[name])] },
}));

/** Modules of the pure core that may still touch the disk: the SVG stack reads mermaid's bundles and starts a browser. */
const CORE_IO_EXCEPTIONS = [
  '^src/render/(svg|svg-stack|launch-browser|find-browser|mermaid-page|elk-label-placement)[.]ts$',
];

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    ...layerRules,
    {
      name: 'base-stays-base',
      comment: 'The base (errors, text helpers, io, util) is imported by every layer, so it can import none of them.',
      severity: 'error',
      from: { path: BASE },
      to: { path: '^src/', pathNot: BASE },
    },
    {
      name: 'nothing-imports-the-cli',
      comment: 'The CLI is the top: commands call the layers, never the other way round.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'pure-core-no-io',
      comment:
        'The pure core takes values and returns values (STYLE.md, habit 1): only crawl, history, io and the CLI touch the disk, git or processes.',
      severity: 'error',
      from: {
        path: '^src/(manifest|importers|discovery|interop|graph|policy|render|export)/',
        pathNot: CORE_IO_EXCEPTIONS,
      },
      to: { dependencyTypes: ['core'], path: '^(node:)?(fs|fs/promises|child_process|worker_threads|net|http|https)$' },
    },
    {
      name: 'svg-stack-in-one-place',
      comment:
        'mermaid, its ELK layout and puppeteer-core are optional peers loaded only when SVG is asked for, from the SVG modules of render.',
      severity: 'error',
      from: { pathNot: CORE_IO_EXCEPTIONS },
      to: {
        path: '(^|/)node_modules/(mermaid|@mermaid-js/layout-elk|puppeteer-core|puppeteer)/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'no-circular',
      comment:
        'A cycle between modules makes them one module in disguise. Types may point back (a command and the page providers it declares), and so may a lazy import() made at run time (completion reads the program).',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only', 'dynamic-import'] } },
    },
    {
      name: 'no-orphans',
      comment: 'A module nothing imports is dead code, or an entry point that should be named here.',
      severity: 'error',
      from: {
        orphan: true,
        path: '^src/',
        pathNot: ['^src/cli/bin[.]ts$', '^src/crawl/scan-worker[.]ts$', '[.]d[.]ts$'],
      },
      to: {},
    },
    {
      name: 'reachable-from-an-entry',
      comment:
        'Every module is reached from the CLI, the scan worker or the explorer page (lazy imports count): one that is not is dead code.',
      severity: 'error',
      from: {
        path: [
          '^src/cli/bin[.]ts$',
          '^src/crawl/scan-worker[.]ts$',
          '^src/history/git-runner-process[.]ts$',
          '^src/render/explorer/page/main[.]ts$',
        ],
      },
      to: {
        path: '^src/',
        pathNot: [
          '[.]d[.]ts$',
          '^src/cli/bin[.]ts$',
          '^src/crawl/scan-worker[.]ts$',
          '^src/history/git-runner-process[.]ts$',
          '^src/render/explorer/page/main[.]ts$',
        ],
        reachable: false,
      },
    },
    {
      name: 'explorer-page-is-browser-code',
      comment:
        'The explorer page runs in a browser (bundled into dist/explorer-page.js): it shares only the data types with Node code, never a module that reads files or starts processes.',
      severity: 'error',
      from: { path: '^src/render/explorer/page/' },
      to: { path: '^src/', pathNot: '^src/render/explorer/(page/|types[.]ts$)' },
    },
    {
      name: 'node-code-never-loads-the-page',
      comment:
        'The page and its renderer (sigma) are bundled for the browser; Node code reads the built bundle as text (cli/explorer-page.ts).',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/render/explorer/page/' },
      to: { path: ['^src/render/explorer/page/', '^node_modules/sigma/'] },
    },
    {
      name: 'no-dep-on-test',
      comment: 'Shipped code never imports the tests.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve fails at run time, in the chunk that loads it.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
