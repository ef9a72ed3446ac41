/** A component's own image (`image:` of its manifest) is judged by the image pin rules, in validate and check. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { testDir } from '../helpers/fs.js';

describe("a component's own image", () => {
  const manifest = (image: string) => `depmap: 1\nname: web\nkind: service\nimage: "${image}"\n`;

  it('a floating tag is a warning in validate and a violation in check', async () => {
    const dir = testDir({ 'depmap.yaml': manifest('acme/web:2.1') });
    const validate = await runCli(['validate'], { cwd: dir });
    expect(validate.stdout).toContain('depmap.yaml:4:8: warning: image: image "acme/web:2.1" has a minor-version tag');
    const check = await runCli(['check', '--format', 'json'], { cwd: dir });
    expect(check.code).toBe(1);
    const report = JSON.parse(check.stdout) as { violations: { rule: string; subject: string; message: string }[] };
    expect(report.violations.map((v) => [v.rule, v.subject])).toEqual([['unpinned', 'image:web']]);
    expect(report.violations[0]?.message).toMatch(/^image "acme\/web:2\.1"/);
  });

  it('an exact tag or a digest passes', async () => {
    for (const image of ['acme/web:2.1.0', 'acme/web@sha256:' + 'a'.repeat(64)]) {
      const dir = testDir({ 'depmap.yaml': manifest(image) });
      const check = await runCli(['check'], { cwd: dir });
      expect(check.code, image).toBe(0);
    }
  });
});
