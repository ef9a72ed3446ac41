/**
 * The one output contract: every family is a registry of the same shape, and commands derive
 * their choices, help, hints and --out extensions from it, so a format is one entry.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { UsageError } from '../../src/errors.js';
import { EXPORTERS } from '../../src/export/index.js';
import { CI_FORMATS } from '../../src/render/ci/index.js';
import { DIAGRAM_FORMATS } from '../../src/render/diagram-formats.js';
import { DIFF_FORMATS } from '../../src/render/diff/index.js';
import {
  extensionsInWords,
  formatsHelp,
  outputRegistry,
  runSteps,
  type OutputFormat,
} from '../../src/render/output-format.js';
import { svgUnavailable } from '../../src/render/svg-step.js';
import { noBrowserMessage, INSTALL_HINT } from '../../src/render/svg.js';
import { TIMELINE_FORMATS } from '../../src/render/timeline/index.js';

const FAMILIES = [
  { command: 'render', registry: DIAGRAM_FORMATS },
  { command: 'check', registry: CI_FORMATS },
  { command: 'diff', registry: DIFF_FORMATS },
  { command: 'timeline', registry: TIMELINE_FORMATS },
  { command: 'export', registry: EXPORTERS },
] as const;

const caught = (f: () => unknown): Error => {
  try {
    f();
  } catch (error) {
    return error as Error;
  }
  throw new Error('did not throw');
};

describe('every output family', () => {
  it.each(FAMILIES)('$command: --format takes exactly the names of its registry', async ({ command, registry }) => {
    const r = await runCli([command, '--format', 'no-such-format']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Allowed choices are ${registry.names().join(', ')}.`);
  });

  it.each(FAMILIES)('$command: --help lists every format with its description', async ({ command, registry }) => {
    const help = (await runCli([command, '--help'])).stdout;
    expect(help).toContain(formatsHelp(registry));
    for (const format of registry.list()) expect(help).toContain(`  ${format.format} `);
  });

  it.each(FAMILIES)('$command: names are unique and every format has an extension', ({ registry }) => {
    const names = registry.names();
    expect(new Set(names).size).toBe(names.length);
    for (const format of registry.list()) {
      expect(format.extension).toMatch(/^[a-z][a-z0-9.-]*$/);
      expect(format.description.trim()).not.toBe('');
    }
  });

  it('is told apart by the extensions of --out files, as each command always did', () => {
    const formatOf = (registry: (typeof FAMILIES)[number]['registry'], file: string) => registry.forPath(file)?.format;
    expect(
      ['d.txt', 'd.json', 'd.md', 'd.markdown', 'd.mmd', 'd.mermaid', 'd.SVG'].map((f) => formatOf(DIFF_FORMATS, f)),
    ).toEqual(['text', 'json', 'markdown', 'markdown', 'mermaid', 'mermaid', 'svg']);
    expect(['t.txt', 't.md', 't.json', 't.mmd', 't.svg'].map((f) => formatOf(TIMELINE_FORMATS, f))).toEqual([
      'markdown',
      'markdown',
      'json',
      'mermaid',
      'svg',
    ]);
    // Two CI formats write .txt: that extension names neither.
    expect(['r.sarif', 'r.json', 'r.md', 'r.xml', 'r.txt', 'r'].map((f) => formatOf(CI_FORMATS, f))).toEqual([
      'sarif',
      'json',
      'markdown',
      'junit',
      undefined,
      undefined,
    ]);
    expect(extensionsInWords(DIFF_FORMATS)).toBe('.txt, .json, .md, .mmd or .svg');
    expect(extensionsInWords(TIMELINE_FORMATS)).toBe('.md, .json, .mmd or .svg');
  });
});

describe('outputRegistry', () => {
  const upper: OutputFormat<string, undefined> = {
    format: 'upper',
    extension: 'up',
    aliases: ['upper'],
    description: 'in capitals',
    render: (s) => s.toUpperCase(),
  };
  const lower: OutputFormat<string, undefined> = {
    format: 'lower',
    extension: 'txt',
    description: 'in small letters',
    render: (s) => s.toLowerCase(),
  };
  const registry = outputRegistry([upper, lower]);

  it('gets a format by name, and suggests the closest one for a typo', () => {
    expect(registry.get('lower')).toBe(lower);
    const error = caught(() => registry.get('uper'));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe('unknown format "uper"; did you mean "upper"?');
    expect((error as UsageError).hint).toBe('one of upper, lower');
  });

  it('chooses --format, else the --out extension, else the fallback; an unknown extension is refused', () => {
    expect(registry.choose('upper', 'x.txt', 'lower')).toBe(upper);
    expect(registry.choose(undefined, 'x.UPPER', 'lower')).toBe(upper);
    expect(registry.choose(undefined, undefined, 'upper')).toBe(upper);
    expect(registry.choose(undefined, '-', 'lower')).toBe(lower);
    expect(registry.choose(undefined, 'noextension', 'lower')).toBe(lower);
    const error = caught(() => registry.choose(undefined, 'x.png', 'lower'));
    expect(error.message).toBe('cannot tell the format from the extension of x.png');
    expect((error as UsageError).hint).toBe('give --format upper|lower, or an --out file ending in .up, .upper, .txt');
  });

  it('refuses two formats of one name', () => {
    expect(() => outputRegistry([upper, { ...lower, format: 'upper' }])).toThrow(/share a name/);
  });

  it('runs the steps of a format in order over all the texts of a run at once', async () => {
    const calls: string[][] = [];
    const withSteps: OutputFormat<string, undefined> = {
      ...upper,
      steps: [
        async (texts) => {
          calls.push(texts.map((t) => t.name));
          return texts.map((t) => ({ ...t, text: `<${t.text}>` }));
        },
        async (texts) => texts.map((t) => ({ ...t, text: `${t.text}!` })),
      ],
    };
    const texts = [
      { name: 'a', text: 'A' },
      { name: 'b', text: 'B' },
    ];
    expect(await runSteps(withSteps, texts, {})).toEqual([
      { name: 'a', text: '<A>!' },
      { name: 'b', text: '<B>!' },
    ]);
    expect(calls).toEqual([['a', 'b']]);
    expect(await runSteps(upper, texts, {})).toEqual(texts);
  });
});

describe('SVG, a step of the formats drawn from Mermaid', () => {
  it('is declared by the svg formats and by no other', () => {
    for (const { registry } of FAMILIES) {
      for (const format of registry.list())
        expect(format.steps !== undefined, format.format).toBe(format.format === 'svg');
    }
    expect(
      DIAGRAM_FORMATS.list()
        .filter((f) => f.mermaid)
        .map((f) => f.format),
    ).toEqual(['mermaid', 'svg']);
  });

  it('says why it cannot draw before any work, in the words of the no-browser error', async () => {
    const env = { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' };
    expect(await svgUnavailable(env)).toEqual({ reason: noBrowserMessage(env), hint: INSTALL_HINT });
  });
});
