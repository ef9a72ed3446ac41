import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { applyBaseline, parseBaseline, serializeBaseline } from '../../src/policy/baseline.js';
import { check, component } from './helpers.js';

describe('fingerprints', () => {
  it('survive lines added above a violation and version changes, not a move to another dependency', () => {
    const before = check([component('shop', 'libraries:\n  - pkg:npm/lodash@^4.17.21\n')]);
    const moved = check([
      component(
        'shop',
        'description: now with a description\nlibraries:\n  - pkg:npm/express@4.19.2\n  - pkg:npm/lodash@^4.17.0\n',
      ),
    ]);
    const other = check([component('shop', 'libraries:\n  - pkg:npm/left-pad@^1.3.0\n')]);
    expect(before[0]?.line).not.toBe(moved[0]?.line);
    expect(moved[0]?.fingerprint).toBe(before[0]?.fingerprint);
    expect(other[0]?.fingerprint).not.toBe(before[0]?.fingerprint);
    expect(before[0]?.fingerprint).toMatch(/^[0-9a-f]{20}$/);
  });
});

describe('baseline', () => {
  const violations = check([
    component('shop', 'libraries:\n  - pkg:npm/lodash@^4.17.21\n  - pkg:npm/left-pad@^1.3.0\n'),
  ]);

  it('round-trips and is stable bytes', () => {
    const text = serializeBaseline(violations);
    expect(serializeBaseline([...violations].reverse())).toBe(text);
    const parsed = parseBaseline(text, 'depmap-baseline.json');
    expect(parsed.entries.map((e) => e.subject)).toEqual(['pkg:npm/left-pad', 'pkg:npm/lodash']);
    expect(JSON.parse(text)).toMatchObject({ format: 'depmap-baseline', version: 1 });
  });

  it('splits violations into fresh and known, and lists stale entries', () => {
    const baseline = parseBaseline(serializeBaseline(violations.slice(0, 1)), 'b.json');
    const later = check([component('shop', 'libraries:\n  - pkg:npm/left-pad@^1.3.0\n  - pkg:npm/axios@^1.7.0\n')]);
    const split = applyBaseline(later, baseline);
    expect(split.known.map((v) => v.subject)).toEqual([]);
    expect(split.fresh.map((v) => v.subject)).toEqual(['pkg:npm/left-pad', 'pkg:npm/axios']);
    expect(split.stale.map((e) => e.subject)).toEqual(['pkg:npm/lodash']);
    const all = applyBaseline(later, parseBaseline(serializeBaseline(later), 'b.json'));
    expect(all).toMatchObject({ fresh: [], stale: [] });
    expect(all.known).toHaveLength(2);
  });

  it('excuses one violation per entry', () => {
    const [one] = violations;
    if (!one) throw new Error('no violation');
    const split = applyBaseline([one, { ...one, line: 99 }], parseBaseline(serializeBaseline([one]), 'b.json'));
    expect(split.known).toHaveLength(1);
    expect(split.fresh.map((v) => v.line)).toEqual([99]);
  });

  it('refuses files that are not a baseline', () => {
    expect(() => parseBaseline('{', 'b.json')).toThrow(ConfigError);
    expect(() => parseBaseline('{"format":"other"}', 'b.json')).toThrow(/not a depmap baseline/);
    expect(() => parseBaseline('{"format":"depmap-baseline","version":2,"violations":[]}', 'b.json')).toThrow(
      /version 2/,
    );
    expect(() =>
      parseBaseline('{"format":"depmap-baseline","version":1,"violations":[{"rule":"nope"}]}', 'b.json'),
    ).toThrow(/violations\[0\]/);
  });
});
