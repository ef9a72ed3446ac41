/**
 * Builds what the package ships: dist/depmap.js (the CLI) and dist/scan-worker.js, bundled
 * with their dependencies by esbuild. Start-up is part of the product: a bundle is a handful
 * of files for Node to read and compile instead of hundreds of modules, and code that a
 * command does not need (importers, renderers, git clones) sits in chunks loaded on demand.
 * The SVG stack (mermaid, its ELK layout, puppeteer-core) stays outside: optional peers,
 * resolved from the user's node_modules when SVG is asked for.
 *
 * tsc still type-checks, and writes one module per file to build/ for the benches.
 */
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bomValidatorFiles, bomValidatorStub } from './cyclonedx-validators.mjs';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');

/** zod bundles every locale's error messages; depmap writes its own messages and uses English only. */
const englishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}zod${path.sep}`)
        ? { path: path.join(args.resolveDir, '../locales/en.js'), namespace: 'zod-locales' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: path.dirname(args.path),
    }));
  },
};

/**
 * packageurl-js makes an Intl.Collator as it loads (ICU's collation data: 8-12 ms of every
 * command on an idle machine, 30 ms on a busy one) and sorts its component names with it
 * there, names it first maps to the numbers 0-7. Numbers are compared as numbers (the same
 * order as collating "0"-"7"); the collator is made when a string is compared, if ever.
 */
const COLLATOR = 'const { compare: localeCompare } = new Intl.Collator()';
const LAZY_COLLATOR =
  "let collator; const localeCompare = (a, b) => typeof a === 'number' && typeof b === 'number' ? a - b : (collator ??= new Intl.Collator()).compare(a, b)";
const lazyCollator = {
  name: 'packageurl-lazy-collator',
  setup(b) {
    b.onLoad({ filter: /[\\/]packageurl-js[\\/]src[\\/]strings\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes(COLLATOR)) {
        return { contents: text, warnings: [{ text: 'packageurl-js changed: its collator is made at load again' }] };
      }
      return { contents: text.replace(COLLATOR, LAZY_COLLATOR), loader: 'js' };
    });
  },
};

rmSync(dist, { recursive: true, force: true });
// The CycloneDX schema validators, generated once here instead of compiled in every run
// (scripts/cyclonedx-validators.mjs); the bundle loads each beside itself when a BOM needs it.
const validators = await bomValidatorFiles(root);
mkdirSync(dist, { recursive: true });
for (const { file, code } of validators) writeFileSync(path.join(dist, file), code);
const result = await build({
  absWorkingDir: root,
  entryPoints: {
    depmap: 'src/cli/bin.ts',
    'scan-worker': 'src/crawl/scan-worker.ts',
    'git-runner-process': 'src/history/git-runner-process.ts',
  },
  outdir: dist,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  external: ['mermaid', '@mermaid-js/layout-elk', 'puppeteer-core'],
  // CommonJS dependencies call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __depmapRequire } from 'node:module'; const require = __depmapRequire(import.meta.url);",
  },
  minifyWhitespace: true,
  minifySyntax: true,
  // Not keepNames: it wraps every function made at run time in a call that defines its name,
  // closures in hot loops included (6 % of a 5,000-commit timeline). Nothing reads a function's
  // name: errors are told apart with instanceof, and class names survive (no identifier is minified).
  keepNames: false,
  legalComments: 'none',
  plugins: [
    englishOnly,
    lazyCollator,
    bomValidatorStub(
      root,
      validators.map((v) => v.version),
    ),
  ],
  logLevel: 'warning',
  metafile: true,
});

// The explorer's page (browser code: sigma.js, graphology, the page's own modules), one
// minified script that `depmap explore` inlines into every explorer.html.
const page = await build({
  absWorkingDir: root,
  entryPoints: { 'explorer-page': 'src/render/explorer/page/main.ts' },
  outdir: dist,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['chrome110', 'firefox110', 'safari16'],
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
});

// The bundles carry other people's code: their licences go with them, whole.
const packages = new Map();
// Only what reaches an output: a package esbuild read but tree-shook away ships nothing.
const bundled = [...Object.values(result.metafile.outputs), ...Object.values(page.metafile.outputs)].flatMap((out) =>
  Object.entries(out.inputs)
    .filter(([, info]) => info.bytesInOutput > 0)
    .map(([input]) => input),
);
for (const input of bundled) {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (match) packages.set(match[1], path.join(root, 'node_modules', match[1]));
}
for (const name of validators.flatMap((v) => v.packages)) packages.set(name, path.join(root, 'node_modules', name));
const notices = [...packages]
  .sort(([a], [b]) => (a < b ? -1 : 1))
  .map(([name, dir]) => {
    const meta = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    // Every licence file: a dual-licensed package (LICENSE pointing at LICENSE.APACHE and LICENSE.BSD) ships all of them.
    const files = readdirSync(dir)
      .filter((f) => /^(licen[cs]e|copying)([._-]|$)/i.test(f) && existsSync(path.join(dir, f)))
      .sort();
    const text =
      files.length > 0
        ? files
            .map((f) => `${files.length > 1 ? `### ${f}\n\n` : ''}${readFileSync(path.join(dir, f), 'utf8').trim()}`)
            .join('\n\n')
        : `Licensed under ${meta.license ?? 'its own terms'}; see https://www.npmjs.com/package/${name}`;
    return `## ${name} ${meta.version} (${meta.license ?? 'see below'})\n\n${text}\n`;
  });
writeFileSync(
  path.join(dist, 'THIRD-PARTY-LICENSES.md'),
  `# Third-party licences\n\ndist/ (and the explorer page it writes) bundles these packages; each is under its own licence, reproduced here.\n\n${notices.join('\n')}`,
);

// What went into each file, for `node scripts/build.mjs --analyze`.
if (process.argv.includes('--analyze')) {
  for (const [file, out] of [...Object.entries(result.metafile.outputs), ...Object.entries(page.metafile.outputs)]) {
    const inputs = Object.entries(out.inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput);
    const groups = new Map();
    for (const [input, info] of inputs) {
      const key = input.startsWith('node_modules/')
        ? input
            .split('/')
            .slice(1, input.split('/')[1].startsWith('@') ? 3 : 2)
            .join('/')
        : input.split('/').slice(0, 2).join('/');
      groups.set(key, (groups.get(key) ?? 0) + info.bytesInOutput);
    }
    console.log(
      `${String(out.bytes).padStart(8)} ${path.relative(root, file)}  ${[...groups]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([k, v]) => `${k}:${Math.round(v / 1024)}k`)
        .join(' ')}`,
    );
  }
}
