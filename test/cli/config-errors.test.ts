/** depmap.config.yaml problems: every one at once, each at file:line:col with the hint for that place. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { testDir } from '../helpers/fs.js';

const withConfig = (config: string) =>
  testDir({ 'depmap.config.yaml': config, 'depmap.yaml': 'depmap: 1\nname: me\nkind: service\n' });

describe('depmap.config.yaml errors', () => {
  it('a misspelt key of a source suggests the keys of a source, not the top-level ones', async () => {
    const dir = withConfig('sources:\n  - { url: https://example.com/a.git, reff: main }\n');
    const result = await runCli(['list', 'components'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'depmap: depmap.config.yaml:2:39: unknown field "reff"; did you mean "ref"?\n  hint: allowed here: url, ref\n',
    );
  });

  it('a number out of range is said in words, at its value', async () => {
    const dir = withConfig('concurrency: 0\n');
    const result = await runCli(['scan'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('depmap: depmap.config.yaml:1:14: concurrency: must be at least 1, not 0\n');
  });

  it('reports every problem, in the order of the file, each with its own hint', async () => {
    const dir = withConfig(
      [
        'sources:',
        '  - ./here',
        '  - { url: https://example.com/a.git, reff: main }',
        '  - { urll: https://example.com/b.git }',
        '  - 5',
        'concurrency: 0',
        'docker: exct',
        'cachedir: .cache',
        '',
      ].join('\n'),
    );
    const result = await runCli(['scan'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      [
        'depmap: invalid config',
        'depmap.config.yaml:3:39: unknown field "reff"; did you mean "ref"?',
        '  hint: allowed here: url, ref',
        'depmap.config.yaml:4:7: unknown field "urll"; did you mean "url"?',
        '  hint: allowed here: url, ref',
        'depmap.config.yaml:5:5: sources[3]: a source is a folder, a glob of folders or a git URL, { url, ref } or { path }',
        '  hint: e.g. - ./repos/* or - { url: https://github.com/acme/shop.git, ref: main }',
        'depmap.config.yaml:6:14: concurrency: must be at least 1, not 0',
        'depmap.config.yaml:7:9: docker: "exct" is not one of the allowed values; did you mean "exact"?',
        '  hint: use one of: exact, digest',
        'depmap.config.yaml:8:1: unknown field "cachedir"; did you mean "cacheDir"?',
        '  hint: allowed here: sources, cacheDir, concurrency, docker, composeFiles, policy',
        '',
      ].join('\n'),
    );
  });
});
