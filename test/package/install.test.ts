/**
 * The package as users get it: `npm pack`, then `npm i` of the tarball into a fresh
 * project, then the CLI run from there, with every connection of the install recorded by a
 * local proxy. A core install downloads nothing outside the registry (no browser, whatever
 * Puppeteer's settings), weighs under 40 MB, and runs `check`; the optional SVG packages,
 * once installed beside it, draw.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/render/find-browser.js';
import { tempDir, writeTree } from '../helpers/fs.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PKG = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

/** A forward proxy that records the host of every connection and passes it through. */
function recordingProxy(): Promise<{ url: string; hosts: Set<string>; close(): Promise<void> }> {
  const hosts = new Set<string>();
  const server = http.createServer((req, res) => {
    // Plain-HTTP requests through a proxy carry the absolute URL.
    try {
      hosts.add(new URL(req.url ?? '').hostname);
    } catch {
      hosts.add(String(req.headers.host));
    }
    res.writeHead(403).end();
  });
  server.on('connect', (req, socket, head) => {
    const [host, port] = (req.url ?? '').split(':');
    hosts.add(host as string);
    const upstream = net.connect(Number(port ?? 443), host as string, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, hosts, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

/**
 * Runs a command without blocking this process: the recording proxy lives in it, and a
 * synchronous child would wait on a proxy that cannot answer.
 */
function run(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeout?: number },
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { ...options, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: options.timeout ?? 300_000 },
      (error, stdout, stderr) => {
        const status = error
          ? typeof (error as { code?: unknown }).code === 'number'
            ? (error as { code: number }).code
            : 1
          : 0;
        resolve({ status, stdout, stderr });
      },
    );
  });
}

async function mustRun(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeout?: number },
): Promise<void> {
  const result = await run(command, args, options);
  expect(result.status, `${command} ${args.join(' ')}\n${result.stderr}`).toBe(0);
}

function du(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

const npmEnv = (home: string, proxy: string, cache: string): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    npm_config_cache: cache,
    HTTPS_PROXY: proxy,
    HTTP_PROXY: proxy,
    https_proxy: proxy,
    http_proxy: proxy,
    npm_config_proxy: proxy,
    npm_config_https_proxy: proxy,
    NO_PROXY: '',
    no_proxy: '',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
  // Whatever the developer's machine says, the install must not need it.
  delete env.PUPPETEER_SKIP_DOWNLOAD;
  delete env.PUPPETEER_SKIP_CHROMIUM_DOWNLOAD;
  delete env.PUPPETEER_EXECUTABLE_PATH;
  return env;
};

const registryHost = new URL(execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim()).hostname;
const realCache = execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim();

let tarball = '';
let packed: string[] = [];
let proxy: Awaited<ReturnType<typeof recordingProxy>>;

beforeAll(async () => {
  const out = tempDir('depmap-pack-');
  const result = JSON.parse(
    execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', out], {
      cwd: ROOT,
      encoding: 'utf8',
    }),
  ) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(out, (result[0] as { filename: string }).filename);
  packed = (result[0] as { files: { path: string }[] }).files.map((f) => f.path);
  proxy = await recordingProxy();
}, 120_000);

afterAll(async () => {
  await proxy?.close();
});

describe('the published package', () => {
  it('is named depmap-cli, with the depmap command, a licence, the schemas and the bundle; no sources or source maps', () => {
    expect(PKG.name).toBe('depmap-cli');
    for (const file of [
      'package.json',
      'README.md',
      'LICENSE',
      'bin/depmap.js',
      'dist/depmap.js',
      'dist/scan-worker.js',
      'dist/THIRD-PARTY-LICENSES.md',
      'schema/depmap.schema.json',
      'schema/depmap.policy.schema.json',
    ]) {
      expect(packed, file).toContain(file);
    }
    expect(packed.filter((f) => /\.map$|^src\/|^test\/|^build\/|^fixtures\//.test(f))).toEqual([]);
    const meta = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
      repository?: unknown;
      license?: string;
      dependencies?: object;
    };
    expect(meta.bin).toEqual({ depmap: 'bin/depmap.js' });
    expect(meta.repository).toBeDefined();
    expect(meta.license).toBe('MIT');
    expect(meta.dependencies ?? {}).toEqual({});
    // No script runs when someone installs it (npm 11 asks users to approve any).
    const scripts = (meta as { scripts?: Record<string, string> }).scripts ?? {};
    expect(Object.keys(scripts).filter((s) => /^(pre|post)?install$|^prepare$/.test(s))).toEqual([]);
  });

  it('installs from the tarball without fetching anything outside the registry, under 40 MB, and runs', async () => {
    const dir = tempDir('depmap-install-');
    const home = path.join(dir, 'home');
    mkdirSync(home);
    const project = writeTree(path.join(dir, 'project'), {
      'package.json': JSON.stringify({ name: 'probe', private: true }),
    });
    const env = npmEnv(home, proxy.url, path.join(dir, 'npm-cache'));
    proxy.hosts.clear();
    await mustRun('npm', ['install', tarball, '--no-audit', '--no-fund'], { cwd: project, env });
    expect([...proxy.hosts].filter((h) => h !== registryHost)).toEqual([]);
    // The proxy does see npm's traffic in this environment (else the line above would prove nothing).
    await mustRun('npm', ['view', 'semver', 'version', '--prefer-online'], { cwd: project, env });
    expect(proxy.hosts).toContain(registryHost);
    expect(existsSync(path.join(home, '.cache', 'puppeteer')), 'a browser was downloaded').toBe(false);
    for (const heavy of ['puppeteer', 'puppeteer-core', 'mermaid', '@mermaid-js/mermaid-cli'])
      expect(existsSync(path.join(project, 'node_modules', heavy)), heavy).toBe(false);
    const size = du(path.join(project, 'node_modules'));
    expect(size, `${(size / 1048576).toFixed(1)} MB`).toBeLessThan(40 * 1048576);

    const version = await run('npx', ['depmap', '--version'], { cwd: project, env });
    expect(version.status, version.stderr).toBe(0);
    expect(version.stdout.trim()).toBe(PKG.version);
    writeTree(path.join(project, 'repo'), {
      'depmap.yaml': 'depmap: 1\nname: probe\nkind: service\nlibraries:\n  - pkg:npm/express@4.19.2\n',
    });
    const check = await run('npx', ['depmap', 'check'], { cwd: path.join(project, 'repo'), env });
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toContain('no violations in 1 manifest');

    // SVG without the optional packages: one clear message naming them.
    const svg = await run('npx', ['depmap', 'render', '--format', 'svg'], { cwd: path.join(project, 'repo'), env });
    expect(svg.status).toBe(2);
    expect(svg.stderr).toContain(
      'SVG needs the optional packages mermaid, @mermaid-js/layout-elk, puppeteer-core, which are not installed',
    );
    expect(svg.stderr).toContain('npm install mermaid @mermaid-js/layout-elk puppeteer-core');
    const doctor = await run('npx', ['depmap', 'doctor'], { cwd: project, env });
    expect(doctor.status).toBe(0);
    expect(doctor.stdout).toMatch(/missing\s+mermaid/);
  }, 180_000);

  it('runs from the tarball with npx --package, as the CI recipes do', async () => {
    const dir = tempDir('depmap-npx-');
    const env = npmEnv(path.join(dir, 'home'), proxy.url, path.join(dir, 'npm-cache'));
    mkdirSync(path.join(dir, 'home'));
    const npx = await run('npx', ['--yes', `--package=${tarball}`, 'depmap', '--version'], { cwd: dir, env });
    expect(npx.status, npx.stderr).toBe(0);
    expect(npx.stdout.trim()).toBe(PKG.version);
  }, 180_000);

  const svgRun = findBrowser() || process.env.DEPMAP_REQUIRE_BROWSER === '1' ? it : it.skip;
  svgRun(
    'draws SVGs once the optional packages are installed beside it, still downloading no browser',
    async () => {
      const dir = tempDir('depmap-svg-');
      const home = path.join(dir, 'home');
      mkdirSync(home);
      const project = writeTree(path.join(dir, 'project'), {
        'package.json': JSON.stringify({ name: 'probe', private: true }),
      });
      // The versions this project tests with, from the npm cache the project's own install filled.
      const version = (name: string) =>
        (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
          .version;
      const peers = ['mermaid', '@mermaid-js/layout-elk', 'puppeteer-core'].map((name) => `${name}@${version(name)}`);
      const env = npmEnv(home, proxy.url, realCache);
      proxy.hosts.clear();
      await mustRun('npm', ['install', tarball, ...peers, '--prefer-offline', '--no-audit', '--no-fund'], {
        cwd: project,
        env,
      });
      expect([...proxy.hosts].filter((h) => h !== registryHost)).toEqual([]);
      expect(existsSync(path.join(home, '.cache', 'puppeteer')), 'a browser was downloaded').toBe(false);
      writeTree(path.join(project, 'repo'), {
        'depmap.yaml':
          'depmap: 1\nname: probe\nkind: service\nservices:\n  - { name: db, kind: database, protocol: sql }\n',
      });
      const render = await run('npx', ['depmap', 'render', '--format', 'svg', '--out', 'out'], {
        cwd: path.join(project, 'repo'),
        env,
        timeout: 120_000,
      });
      expect(render.status, render.stderr).toBe(0);
      const svg = readFileSync(
        path.join(project, 'repo', 'out', readdirSync(path.join(project, 'repo', 'out'))[0] as string),
        'utf8',
      );
      expect(svg).toContain('<svg');
      expect(svg).toContain('probe');
    },
    400_000,
  );
});
