import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { buildReport, type CheckReport } from '../../src/policy/report.js';
import { RULE_IDS, type Violation } from '../../src/policy/types.js';
import { renderGithub } from '../../src/render/ci/github.js';
import { renderJunit } from '../../src/render/ci/junit.js';
import { renderMarkdown } from '../../src/render/ci/markdown.js';
import { renderSarif } from '../../src/render/ci/sarif.js';
import { renderText } from '../../src/render/ci/text.js';
import { depmap } from './run.js';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The official SARIF 2.1.0 schema (RTM.5, the final schema of the standard) as Microsoft's
 * sarif-js-sdk ships it. It is a draft-04 document whose keywords later drafts share, so
 * ajv 8 reads it once its top-level `id` is given as `$id`; `unicodeRegExp: false` because
 * its language pattern is an ECMAScript regex that is not valid in unicode mode.
 */
function sarifValidator() {
  const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as Record<string, unknown>;
  const { id, $schema: _draft, ...rest } = schema;
  const ajv = new Ajv.default({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats.default(ajv);
  return ajv.compile({ $id: id, ...rest });
}

function violation(over: Partial<Violation>): Violation {
  return {
    rule: 'unpinned',
    repo: 'r',
    file: 'depmap.yaml',
    path: 'depmap.yaml',
    line: 3,
    col: 5,
    subject: 's',
    message: 'm',
    severity: 'error',
    fingerprint: '0123456789abcdef0123',
    ...over,
  };
}

const INACTIVE = new Set(['new-dependency', 'drift', 'undeclared-call', 'unobserved-dependency']);

function report(violations: Violation[], over: Partial<Parameters<typeof buildReport>[0]> = {}): CheckReport {
  return buildReport({
    tool: { name: 'depmap', version: '1.2.3' },
    failOn: 'error',
    scope: 'repo',
    // As in a check without --base, lockfiles or --observed: the rules that need them do not run.
    rules: RULE_IDS.map((id) => ({ id, severity: 'error', active: !INACTIVE.has(id) })),
    manifests: ['depmap.yaml'],
    violations,
    known: [],
    stale: [],
    ...over,
  });
}

const nasty = violation({
  path: 'my repo/sub,dir/depmap.yaml',
  message: 'line one\nline two: 100% "bad" <b>&amp;</b> a|b ::error::injected\r',
  hint: 'use `x` | y',
});

describe('SARIF', () => {
  const validate = sarifValidator();

  it('carries a note about the check (this change adopts depmap) as a tool notification, still valid SARIF', () => {
    const log = JSON.parse(
      renderSarif(
        report([], {
          notes: [
            {
              rule: 'new-dependency',
              repo: 'shop',
              file: 'depmap.yaml',
              path: 'depmap.yaml',
              message: 'the base (origin/main) had no depmap.yaml',
            },
          ],
        }),
      ),
    );
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(log.runs[0].invocations[0].toolExecutionNotifications[0]).toMatchObject({
      level: 'note',
      message: { text: 'the base (origin/main) had no depmap.yaml' },
    });
  });

  it('validates against the official SARIF 2.1.0 schema, for the demo organisation', async () => {
    const r = await depmap(['check', 'fixtures/demo-org', '--format', 'sarif'], root);
    const log = JSON.parse(r.stdout);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const [first] = log.runs[0].results;
    expect(first).toMatchObject({
      ruleId: 'skew',
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'fixtures/demo-org/catalog/depmap.yaml', uriBaseId: '%SRCROOT%' },
            region: { startLine: 11, startColumn: 5 },
          },
        },
      ],
    });
    expect(first.partialFingerprints['depmap/v1']).toMatch(/^[0-9a-f]{20}$/);
    expect(log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([...RULE_IDS]);
  });

  it('validates with odd paths, URLs, warnings and no results at all', () => {
    const log = JSON.parse(
      renderSarif(
        report([
          nasty,
          violation({ path: '/abs/path with space/depmap.yaml', severity: 'warn' }),
          violation({ path: 'https://github.com/acme/x.git', rule: 'invalid-manifest', line: 0, col: 0 }),
        ]),
      ),
    );
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(
      log.runs[0].results.map(
        (r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
          r.locations[0]?.physicalLocation.artifactLocation.uri,
      ),
    ).toEqual([
      'my%20repo/sub%2Cdir/depmap.yaml',
      'file:///abs/path%20with%20space/depmap.yaml',
      'https://github.com/acme/x.git',
    ]);
    expect(log.runs[0].results[1].level).toBe('warning');
    expect(log.runs[0].results[2].locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 1 });
    expect(validate(JSON.parse(renderSarif(report([]))))).toBe(true);
  });
});

describe('notes about the check', () => {
  const noted = () =>
    report([], {
      notes: [
        {
          rule: 'new-dependency',
          repo: 'shop',
          file: 'depmap.yaml',
          path: 'shop/depmap.yaml',
          message: 'the base (origin/main) had no depmap.yaml: this change adopts depmap',
        },
      ],
    });
  it('are a notice annotation, a note line and a quoted line in the summary; they fail nothing', () => {
    expect(renderGithub(noted())).toContain(
      '::notice file=shop/depmap.yaml,title=depmap new-dependency::the base (origin/main) had no depmap.yaml: this change adopts depmap\n',
    );
    expect(renderText(noted())).toContain(
      'note: shop/depmap.yaml: the base (origin/main) had no depmap.yaml: this change adopts depmap\n',
    );
    expect(renderMarkdown(noted())).toContain(
      '> ℹ️ `shop/depmap.yaml`: the base (origin/main) had no depmap.yaml: this change adopts depmap',
    );
    expect(noted().summary.failed).toBe(false);
  });
});

describe('github workflow commands', () => {
  it('escape properties and data so that nothing ends a command early', () => {
    const out = renderGithub(report([nasty]));
    const [line] = out.split('\n');
    expect(line).toBe(
      '::error file=my repo/sub%2Cdir/depmap.yaml,line=3,col=5,title=depmap unpinned::line one%0Aline two: 100%25 "bad" <b>&amp;</b> a|b ::error::injected%0D%0AFix: use `x` | y',
    );
    expect(out.split('\n')).toHaveLength(3);
  });

  it('use warning for warnings and a notice for stale baseline entries', () => {
    const out = renderGithub(
      report([violation({ severity: 'warn' })], {
        stale: [{ fingerprint: 'f', rule: 'cycle', path: 'a.yaml', subject: 'cycle:a,b', message: 'm' }],
      }),
    );
    expect(out).toContain('::warning file=depmap.yaml,line=3,col=5,title=depmap unpinned::m\n');
    expect(out).toContain(
      '::notice title=depmap baseline::1 baseline entry no longer occurs; drop them with depmap check --update-baseline%0Aa.yaml: cycle cycle:a,b\n',
    );
  });
});

describe('JUnit', () => {
  it('escapes XML and drops characters XML cannot hold', () => {
    const xml = renderJunit(report([violation({ ...nasty, path: 'depmap.yaml', message: 'a<b & "c" \u0001 \'d\'' })]));
    expect(xml).toContain('<failure message="a&lt;b &amp; &quot;c&quot; \uFFFD &apos;d&apos;" type="unpinned">');
    expect(xml).not.toMatch(/[\u0001]/);
  });

  it('has one test case per rule and file; warnings below --fail-on pass with their text in system-out', () => {
    const xml = renderJunit(
      report([violation({ severity: 'warn', rule: 'skew', message: 'skewed' })], {
        manifests: ['a/depmap.yaml', 'depmap.yaml'],
      }),
    );
    expect(xml.match(/<testcase /g)).toHaveLength(12);
    expect(xml).toContain('<testsuites name="depmap check" tests="12" failures="0" errors="0">');
    expect(xml).toContain(
      '<testcase name="skew" classname="depmap.yaml" file="depmap.yaml">\n      <system-out>depmap.yaml:3:5 warning: skewed</system-out>\n    </testcase>',
    );
    expect(renderJunit(report([violation({ severity: 'warn' })], { failOn: 'warn' }))).toContain('failures="1"');
  });
});

describe('markdown', () => {
  it('keeps table cells in their cell', () => {
    const md = renderMarkdown(report([nasty]));
    expect(md).toContain(
      '| 🔴 error | `unpinned` | `my repo/sub,dir/depmap.yaml:3:5` | line one<br>line two: 100% "bad" &lt;b&gt;&amp;amp;&lt;/b&gt; a\\|b ::error::injected<br> | use \\`x\\` \\| y |',
    );
  });

  it('says when all is well, and caps long tables', () => {
    expect(renderMarkdown(report([]))).toBe(
      '## depmap check\n\n✅ no violations in 1 manifest; passes (--fail-on error).\n',
    );
    const many = Array.from({ length: 502 }, (_, i) => violation({ line: i + 1 }));
    const md = renderMarkdown(report(many));
    expect(md.split('\n').filter((l) => l.startsWith('| 🔴'))).toHaveLength(500);
    expect(md).toContain('…and 2 more violations');
  });
});

describe('text', () => {
  it('groups by file and ends with a summary', () => {
    const text = renderText(
      report([
        violation({ path: 'b/depmap.yaml' }),
        violation({ path: 'a/depmap.yaml', severity: 'warn', hint: undefined }),
      ]),
    );
    expect(text).toBe(
      [
        'b/depmap.yaml',
        '  b/depmap.yaml:3:5  error  unpinned  m',
        '',
        'a/depmap.yaml',
        '  a/depmap.yaml:3:5  warning  unpinned  m',
        '',
        'depmap check: 1 error, 1 warning in 1 manifest; fails (--fail-on error)',
        '',
      ].join('\n'),
    );
  });
});
