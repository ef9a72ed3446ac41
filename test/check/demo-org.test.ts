import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/io/write-file.js';
import { VERSION } from '../../src/version.js';
import { depmap } from './run.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const golden = (name: string) => path.join(root, 'test/check/golden', name);

/** Compares with a golden file; UPDATE_GOLDEN=1 rewrites it. The depmap version is masked. */
async function matchGolden(name: string, text: string): Promise<void> {
  const masked = text.split(`"${VERSION}"`).join('"<version>"');
  if (process.env.UPDATE_GOLDEN) await writeFileAtomic(golden(name), masked);
  expect(masked).toBe(readFileSync(golden(name), 'utf8'));
}

describe('depmap check over fixtures/demo-org', () => {
  it('finds the unpinned library, the skew, the unresolved service and the cycle', async () => {
    const r = await depmap(['check', 'fixtures/demo-org', '--format', 'json'], root);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.scope).toBe('org');
    const byRule: Record<string, number> = {};
    for (const v of report.violations) byRule[v.rule] = (byRule[v.rule] ?? 0) + 1;
    expect(byRule).toEqual({ unpinned: 1, skew: 4, 'unresolved-service': 1, cycle: 2 });
    expect(report.summary).toEqual({ errors: 8, warnings: 0, known: 0, stale: 0, manifests: 9, failed: true });
  });

  for (const [format, file] of [
    ['text', 'demo-org.txt'],
    ['json', 'demo-org.json'],
    ['sarif', 'demo-org.sarif'],
    ['junit', 'demo-org.junit.xml'],
    ['github', 'demo-org.github.txt'],
    ['markdown', 'demo-org.md'],
  ] as const) {
    it(`renders ${format} like the golden file ${file}`, async () => {
      const r = await depmap(['check', 'fixtures/demo-org', '--format', format], root);
      expect(r.code).toBe(1);
      await matchGolden(file, r.stdout);
    });
  }

  it('passes with a policy that accepts what the demo organisation does', async () => {
    const r = await depmap(['check', 'fixtures/demo-org', '--policy', 'fixtures/policy/demo-org-lenient.yaml'], root);
    expect(r.stdout).toContain('0 errors, 8 warnings in 9 manifests; passes (--fail-on error)');
    expect(r.code).toBe(0);
  });
});
