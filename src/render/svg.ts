/**
 * The one module that drives a browser: Mermaid text → SVG with one headless Chromium for all
 * the diagrams of a run. Launching the browser is the slow part (≈0.5 s), and so is loading
 * Mermaid into a page (mermaid-cli's renderMermaid() does both per diagram), so each page
 * loads Mermaid once and renders many diagrams; a few pages render in parallel. Mermaid and
 * the ELK layout are the copies @mermaid-js/mermaid-cli depends on, so depmap draws what
 * `mmdc` would, with one exception: edge labels sit by their arrowhead (LABEL_PLACEMENT).
 *
 * Puppeteer is imported lazily: commands that draw nothing must not pay for it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { DepmapError } from '../errors.js';
import { diagramId } from './ids.js';

const LINUX_PATHS = [
  '/usr/lib/chromium/chromium',
  '/usr/lib/chromium-browser/chromium-browser',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
];
const MAC_PATHS = [
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
];
const WINDOWS_PATHS = ['Google/Chrome/Application/chrome.exe', 'Chromium/Application/chrome.exe'];
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome', 'chrome'];

/** Binaries inside Puppeteer's cache (`~/.cache/puppeteer/<browser>/<platform>-<build>/…`). */
const CACHE_BINARIES: Record<string, string[]> = {
  'chrome-headless-shell': [
    'chrome-headless-shell-linux64/chrome-headless-shell',
    'chrome-headless-shell-mac-arm64/chrome-headless-shell',
    'chrome-headless-shell-mac-x64/chrome-headless-shell',
    'chrome-headless-shell-win64/chrome-headless-shell.exe',
  ],
  chrome: [
    'chrome-linux64/chrome',
    'chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
    'chrome-mac-x64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
    'chrome-win64/chrome.exe',
  ],
};

export const INSTALL_HINT =
  'install Chromium (Debian/Ubuntu: apt-get install chromium; Alpine: apk add chromium; macOS: brew install --cask chromium) ' +
  'or Google Chrome, or set PUPPETEER_EXECUTABLE_PATH to a Chrome/Chromium binary; every other format works without one';

function fromCache(env: NodeJS.ProcessEnv): string | undefined {
  const home = env.HOME ?? env.USERPROFILE ?? os.homedir();
  const cacheDir = env.PUPPETEER_CACHE_DIR ?? path.join(home, '.cache', 'puppeteer');
  for (const [browser, binaries] of Object.entries(CACHE_BINARIES)) {
    let builds: string[];
    try {
      builds = readdirSync(path.join(cacheDir, browser));
    } catch {
      continue;
    }
    // Newest build first: names are `<platform>-<version>`.
    builds.sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
    for (const build of builds) {
      for (const binary of binaries) {
        const candidate = path.join(cacheDir, browser, build, binary);
        if (existsSync(candidate)) return candidate;
      }
    }
  }
  return undefined;
}

/** Why there is no browser, in one line. */
export function noBrowserMessage(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.PUPPETEER_EXECUTABLE_PATH;
  if (explicit) return `SVG needs Chrome or Chromium, and PUPPETEER_EXECUTABLE_PATH names ${explicit}, which does not exist`;
  return 'SVG needs Chrome or Chromium, and none was found';
}

/**
 * A Chrome or Chromium binary: PUPPETEER_EXECUTABLE_PATH when set, then the usual system
 * locations and PATH, then Puppeteer's download cache. Undefined when there is none.
 */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string | undefined {
  // A browser the user named and that is not there is no browser: falling back to another
  // one would hide the mistake.
  const explicit = env.PUPPETEER_EXECUTABLE_PATH;
  if (explicit) return existsSync(explicit) ? explicit : undefined;
  const candidates = [...LINUX_PATHS, ...MAC_PATHS];
  for (const dir of [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA]) {
    if (dir) candidates.push(...WINDOWS_PATHS.map((p) => path.join(dir, p)));
  }
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir) candidates.push(...PATH_NAMES.map((name) => path.join(dir, name)));
  }
  for (const candidate of candidates) if (existsSync(candidate)) return candidate;
  return fromCache(env);
}

const LAUNCH_ARGS = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * Mermaid's own limits, raised for one diagram only when it goes over them. Some shapes (the
 * stadium of external and unresolved services) are drawn by roughjs, which takes a random
 * seed unless given one: a fixed seed makes the same diagram the same bytes on every run.
 */
const BASE_CONFIG = { startOnLoad: false, securityLevel: 'strict', maxTextSize: 50_000, maxEdges: 500, handDrawnSeed: 1 } as const;
const TOO_LARGE = 'Maximum text size in diagram exceeded';

/**
 * The page's own origin: every request to it is answered from the ELK layout's files on disk
 * (ES modules import their chunks, which file:// pages may not do), and every other request
 * is refused, so nothing a diagram says can reach the network.
 */
const ORIGIN = 'https://depmap-render.invalid';
const PAGE = '<!doctype html><html><head><meta charset="utf-8"></head><body><div id="container"></div></body></html>';

/**
 * Mermaid as one script (faster to load than its ES modules: no request per chunk), and the
 * folder of the ELK layout's ES modules, served to the page under /elk/.
 */
function mermaidFiles(): { bundle: string; roots: Map<string, string> } {
  const require = createRequire(import.meta.url);
  const cli = createRequire(require.resolve('@mermaid-js/mermaid-cli'));
  const bundle = cli.resolve('mermaid/dist/mermaid.min.js');
  const elk = path.dirname(cli.resolve('@mermaid-js/layout-elk/dist/mermaid-layout-elk.esm.min.mjs'));
  return { bundle, roots: new Map([['/elk/', elk]]) };
}

/**
 * Mermaid's ELK layout fixes every edge label at "CENTER": ELK then puts it in the middle
 * layer of a long edge, in a row with the labels of every other long edge, far from both ends,
 * and nobody can tell which line a label belongs to. At "HEAD" it sits just before the arrow
 * it describes. The option is written into the layout's code, not read from the config, so
 * the served module is changed; `elkLayoutPatched()` tells the tests when an upgrade moves it.
 */
const LABEL_PLACEMENT = { from: '"edgeLabels.placement":"CENTER"', to: '"edgeLabels.placement":"HEAD"' } as const;

function patchLayout(code: Buffer): Buffer {
  const text = code.toString('utf8');
  return text.includes(LABEL_PLACEMENT.from) ? Buffer.from(text.split(LABEL_PLACEMENT.from).join(LABEL_PLACEMENT.to)) : code;
}

/** Whether the installed ELK layout has the label placement depmap changes. */
export function elkLayoutPatched(): boolean {
  const elk = mermaidFiles().roots.get('/elk/') as string;
  const files = readdirSync(elk, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mjs'));
  return files.some((f) => readFileSync(path.join(elk, f), 'utf8').includes(LABEL_PLACEMENT.from));
}

function serveFiles(roots: Map<string, string>) {
  const cache = new Map<string, Promise<Buffer>>();
  return async (request: import('puppeteer').HTTPRequest): Promise<void> => {
    const url = new URL(request.url());
    if (url.origin !== ORIGIN) return request.abort();
    if (url.pathname === '/') return request.respond({ status: 200, contentType: 'text/html', body: PAGE });
    for (const [prefix, dir] of roots) {
      if (!url.pathname.startsWith(prefix)) continue;
      const file = path.resolve(dir, decodeURIComponent(url.pathname.slice(prefix.length)));
      if (!file.startsWith(dir + path.sep) || !/\.m?js$/.test(file)) break;
      let body = cache.get(file);
      if (!body) {
        body = readFile(file).then(patchLayout);
        cache.set(file, body);
      }
      try {
        return request.respond({ status: 200, contentType: 'text/javascript', body: await body });
      } catch {
        return request.abort();
      }
    }
    return request.abort();
  };
}

// The code that runs in the page is kept as text: a function would be passed through
// Function.prototype.toString(), and bundlers, test runners and coverage tools rewrite
// functions (`import()` becomes a helper the page does not have).

/** Registers the ELK layouts with the page's Mermaid (the script tag defines `mermaid`). */
const LOAD_ELK = `(async () => {
  const { default: elk } = await import('/elk/mermaid-layout-elk.esm.min.mjs');
  mermaid.registerLayoutLoaders(elk);
})()`;

/**
 * Renders one diagram and serializes it as XML: HTML labels inside <foreignObject> must be
 * well-formed for the SVG to open outside a browser.
 */
const RENDER = `(async ({ definition, id, config }) => {
  mermaid.initialize(config);
  const { svg } = await mermaid.render(id, definition);
  const container = document.getElementById('container');
  container.innerHTML = svg;
  const element = container.querySelector('svg');
  if (!element) return svg;
  element.style.backgroundColor = 'white';
  const xml = new XMLSerializer().serializeToString(element);
  container.innerHTML = '';
  return xml;
})`;

type Page = import('puppeteer').Page;

async function renderOne(page: Page, name: string, definition: string): Promise<string> {
  const config: Record<string, unknown> = { ...BASE_CONFIG };
  const id = diagramId('svg', name);
  // At most one retry per limit: the limits are raised to fit this diagram.
  for (let attempt = 0; attempt < 3; attempt++) {
    let svg: string;
    try {
      svg = (await page.evaluate(`${RENDER}(${JSON.stringify({ definition, id, config })})`)) as string;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const edges = /Edge limit exceeded\. (\d+) edges found/.exec(message);
      if (edges && config.maxEdges === BASE_CONFIG.maxEdges) {
        config.maxEdges = Math.max(Number(edges[1]) * 2, 1000);
        continue;
      }
      throw new DepmapError(`diagram ${name}: Mermaid cannot draw it: ${firstLine(message)}`, { cause: error });
    }
    if (svg.includes(TOO_LARGE) && !definition.includes(TOO_LARGE)) {
      if (config.maxTextSize !== BASE_CONFIG.maxTextSize) {
        throw new DepmapError(`diagram ${name}: Mermaid refused it as too large (${definition.length} characters)`);
      }
      config.maxTextSize = definition.length + 1000;
      continue;
    }
    return svg;
  }
  throw new DepmapError(`diagram ${name}: Mermaid cannot draw it within raised limits`);
}

function firstLine(message: string): string {
  const line = message.split('\n').find((l) => l.trim() !== '') ?? message;
  return line.replace(/^Error: /, '').trim();
}

/**
 * Renders every diagram to SVG with one browser, `concurrency` pages at a time (default: one
 * per CPU, at most 4). Results are keyed by name. Throws a DepmapError with an install
 * hint when there is no browser, and one naming the diagram when Mermaid rejects it.
 */
export async function renderSvgs(
  diagrams: { name: string; mermaid: string }[],
  options: { env?: NodeJS.ProcessEnv; concurrency?: number } = {},
): Promise<Map<string, string>> {
  const results = new Map<string, string>();
  if (diagrams.length === 0) return results;
  const names = new Set<string>();
  for (const d of diagrams) {
    if (names.has(d.name)) throw new DepmapError(`two diagrams are named ${d.name}`);
    names.add(d.name);
  }
  const env = options.env ?? process.env;
  const executablePath = findBrowser(env);
  if (!executablePath) throw new DepmapError(noBrowserMessage(env), { hint: INSTALL_HINT });
  const files = mermaidFiles();
  const serve = serveFiles(files.roots);
  const { default: puppeteer } = await import('puppeteer');
  const args = [...LAUNCH_ARGS];
  // Chromium refuses to start as root with its sandbox, and containers often run as root.
  if (process.getuid?.() === 0 || env.DEPMAP_CHROMIUM_NO_SANDBOX === '1') args.push('--no-sandbox');
  let browser;
  try {
    browser = await puppeteer.launch({ executablePath, headless: true, args, env: env as Record<string, string> });
  } catch (error) {
    throw new DepmapError(`cannot start the browser ${executablePath}: ${firstLine(error instanceof Error ? error.message : String(error))}`, {
      hint: 'check that it runs (`<browser> --headless --version`), or set PUPPETEER_EXECUTABLE_PATH to another one',
      cause: error,
    });
  }
  try {
    const cpus = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
    // A page per CPU: each page is a renderer process laying out on its own core (bench/render:
    // 50 diagrams on 2 CPUs, 2 pages ≈ 1.25× faster than 1).
    const workers = Math.max(1, Math.min(options.concurrency ?? Math.min(cpus, 4), diagrams.length));
    let next = 0;
    const work = async () => {
      const page = await browser.newPage();
      // Nothing a diagram does may reach the network.
      await page.setRequestInterception(true);
      page.on('request', (request) => void serve(request));
      await page.goto(`${ORIGIN}/`);
      await page.addScriptTag({ path: files.bundle });
      await page.evaluate(LOAD_ELK);
      while (next < diagrams.length) {
        const diagram = diagrams[next++] as { name: string; mermaid: string };
        results.set(diagram.name, await renderOne(page, diagram.name, diagram.mermaid));
      }
      await page.close();
    };
    await Promise.all(Array.from({ length: workers }, work));
  } finally {
    await browser.close();
  }
  // In the order given, whatever order the pages finished in.
  return new Map(diagrams.map((d) => [d.name, results.get(d.name) as string]));
}
