/**
 * How a discovered map looks, end to end through the CLI: a repo with only a compose file is
 * scanned with --discover; its calls are unversioned (no file gives them an API version), so
 * check does not report them as unpinned while it still reports the floating database image,
 * and render draws them dashed and grey with a legend instead of red.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { tempDir, writeTree } from '../helpers/fs.js';
import { parseSnapshot } from '../../src/graph/snapshot.js';

const COMPOSE = `services:
  web:
    build: ./web
    environment:
      - API_URL=http://api:8080
    depends_on: [api]
  api:
    build: ./api
    environment:
      DATABASE_URL: mysql://api@db:3306/shop
    depends_on: [db]
  db:
    image: mariadb:10.9
`;

describe('a discovered map', () => {
  it('is unversioned, not unpinned: scan, check and render say so', async () => {
    const org = tempDir();
    writeTree(org, { 'shop/docker-compose.yml': COMPOSE });

    const scan = await runCli(['scan', org, '--discover', '--out', 'g.json', '-q'], { cwd: org });
    expect(scan.code).toBe(0);
    const snapshot = parseSnapshot(readFileSync(path.join(org, 'g.json'), 'utf8'), 'graph.json');
    const calls = snapshot.edges
      .filter((e) => e.type === 'calls-service')
      .map((e) => ({ call: `${e.source} -> ${e.target}`, discovered: e.discovered, pin: e.pin, imagePin: e.imagePin }));
    expect(calls).toEqual([
      { call: 'api -> db', discovered: true, pin: { pinned: true }, imagePin: floatingMariadb() },
      {
        call: 'web -> api',
        discovered: true,
        pin: { pinned: true, unversioned: true, reason: 'discovered from deployment files; no API version declared' },
        imagePin: undefined,
      },
    ]);

    const unpinnedOnly = ['--format', 'json', '--fail-on', 'error'];
    for (const input of [
      ['check', path.join(org, 'shop'), '--discover', ...unpinnedOnly],
      ['check', '--snapshot', 'g.json', ...unpinnedOnly],
    ]) {
      const check = await runCli(input, { cwd: org });
      const report = JSON.parse(check.stdout) as { violations: { rule: string; subject: string; message: string }[] };
      const unpinned = report.violations.filter((v) => v.rule === 'unpinned');
      expect(
        unpinned.map((v) => `${v.subject}: ${v.message}`),
        input.join(' '),
      ).toEqual([
        'image:db: service db: image "mariadb:10.9" has a minor-version tag, which moves with every patch release',
      ]);
      expect(check.code, input.join(' ')).toBe(1);
    }

    const render = await runCli(['render', '--snapshot', 'g.json'], { cwd: org });
    expect(render.code).toBe(0);
    expect(render.stdout).toContain(
      'legend_discovered["dashed grey arrows: discovered from deployment files (not declared in a depmap.yaml)"]',
    );
    expect(render.stdout).toMatch(/^ {2}linkStyle 0,1 stroke:#64748b,stroke-dasharray:6 4,color:#475569$/m);
    // Nothing red: no unpinned edge style, and the call's label does not say unpinned.
    expect(render.stdout).not.toContain('#dc2626');
    expect(render.stdout).toMatch(/n_web -->\|"http"\| n_api/);

    const dot = await runCli(['render', '--snapshot', 'g.json', '--format', 'dot'], { cwd: org });
    expect(dot.stdout).toContain(
      '"n_web" -> "n_api" [label="http", style="dashed", color="#64748b", fontcolor="#475569"]',
    );
    expect(dot.stdout).toContain('label="discovered from deployment files (not declared in a depmap.yaml)"');
  });
});

function floatingMariadb() {
  return {
    pinned: false,
    class: 'floating',
    reason: '"mariadb:10.9" has a minor-version tag, which moves with every patch release',
    hint: 'pin a full version tag, e.g. mariadb:<major.minor.patch>, or a digest',
  };
}
