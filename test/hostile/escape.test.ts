/**
 * Every escaping function of render/escape over the shared corpus of hostile strings: what
 * each format must never receive from data, checked on the function's own output.
 */
import { describe, expect, it } from 'vitest';
import { XMLValidator } from 'fast-xml-parser';
import { parse as parseYaml } from 'yaml';
import {
  dotString,
  dslString,
  githubData,
  githubProperty,
  htmlText,
  markdownAlt,
  markdownCell,
  markdownCode,
  markdownText,
  mermaidBareText,
  mermaidLabel,
  mermaidYamlScalar,
  oneLine,
  plainText,
  terminalText,
  xmlText,
} from '../../src/render/escape/index.js';
import { guardText } from '../../src/cli/output-guard.js';
import { HOSTILE } from './corpus.js';
import { checkMarkdown } from './checks.js';

// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe.each(HOSTILE.map((s, i) => [i, s] as const))('hostile string %i', (_i, text) => {
  it('mermaidLabel: no quote, entity start, HTML, backtick, % or line break survives', () => {
    const out = mermaidLabel(text);
    expect(out).not.toMatch(/["<>&`%\n\r]/);
    expect(out.replace(/#\d+;/g, '')).not.toContain('#');
    expect(out).not.toMatch(RAW_CONTROL);
  });
  it('mermaidBareText: no syntax of architecture-beta or timeline survives', () => {
    const out = mermaidBareText(text, ':');
    expect(out).not.toMatch(/[%#;<>[\]{}:"`\n\r]/);
    expect(out).not.toMatch(RAW_CONTROL);
  });
  it('mermaidYamlScalar: one YAML scalar that reads back as the text, no directive', () => {
    const out = mermaidYamlScalar(text);
    expect(out).not.toContain('%%');
    expect(out).not.toContain('\n');
    expect(typeof parseYaml(`title: ${out}`).title).toBe('string');
  });
  it('dotString: one DOT string that nothing closes', () => {
    const out = dotString(text);
    expect(out.startsWith('"') && out.endsWith('"')).toBe(true);
    expect(out.slice(1, -1).replace(/\\./g, '')).not.toMatch(/["\\]/);
    expect(out).not.toMatch(RAW_CONTROL);
  });
  it('dslString: one Structurizr string that nothing closes', () => {
    const out = dslString(text);
    expect(out.slice(1, -1).replace(/\\./g, '')).not.toMatch(/["\\\n]/);
    expect(out).not.toMatch(RAW_CONTROL);
  });
  it('markdownText and markdownCell: no markup, HTML, table break or new line', () => {
    for (const out of [markdownText(text), markdownCell(text)]) {
      expect(out).not.toMatch(/\n|<(?!br>)|(?<!\\)[[\]`*_|~]/);
      expect(out).not.toMatch(RAW_CONTROL);
      checkMarkdown(`| a |\n| --- |\n| ${out} |\n`, 'cell');
    }
  });
  it('markdownCode: one code span, pipes escaped', () => {
    const out = markdownCode(text);
    const fence = /^`+/.exec(out)?.[0] as string;
    expect(out.endsWith(fence)).toBe(true);
    expect(out.slice(fence.length, -fence.length)).not.toContain(fence);
    expect(out).not.toMatch(/(?<!\\)\|/);
    expect(out).not.toMatch(RAW_CONTROL);
  });
  it('markdownAlt: brackets escaped', () => {
    expect(markdownAlt(text)).not.toMatch(/(?<!\\)[[\]]/);
  });
  it('htmlText and xmlText: no markup; XML stays well-formed', () => {
    expect(htmlText(text)).not.toMatch(/[<>"']/);
    expect(XMLValidator.validate(`<a b="${xmlText(text)}">${xmlText(text)}</a>`)).toBe(true);
  });
  it('githubData and githubProperty: nothing ends the command, no line break; data starts no other command', () => {
    for (const out of [githubData(text), githubProperty(text)]) {
      expect(out).not.toMatch(/[\r\n]/);
      expect(out).not.toMatch(RAW_CONTROL);
    }
    // A property (a file path) stays as it is, to match the file; inside a command it is text.
    expect(githubData(text)).not.toMatch(/##\[|##vso\[/i);
    expect(githubProperty(text)).not.toMatch(/[:,]/);
  });
  it('terminalText and oneLine: one line, no control character', () => {
    for (const out of [terminalText(text), oneLine(text)]) {
      expect(out).not.toContain('\n');
      expect(out).not.toMatch(RAW_CONTROL);
    }
    expect(terminalText(text)).not.toMatch(/##\[|##vso\[|##teamcity\[/i);
  });
  it('plainText: line breaks kept, no other control character', () => {
    expect(plainText(text)).not.toMatch(RAW_CONTROL);
  });
  it('the output guard: no control character or CI command passes it', () => {
    const out = guardText(`depmap: ${text}\n${text}\n`);
    expect(out).not.toMatch(RAW_CONTROL);
    for (const line of out.split('\n')) expect(line.trimStart()).not.toMatch(/^::|##\[|##vso\[|##teamcity\[/i);
  });
});

describe('escapes keep the text readable', () => {
  it('shows a control character as what it is', () => {
    expect(terminalText('a\u001b[31mb\nc\u0007')).toBe('a\\u001b[31mb\\nc\\u0007');
    expect(guardText('x\u009by\n')).toBe('x\\u009by\n');
  });
  it("keeps depmap's own colours and progress line only where they are on, and defuses workflow commands", () => {
    expect(guardText('\u001b[31merror\u001b[0m\n', true, { color: true })).toBe('\u001b[31merror\u001b[0m\n');
    expect(guardText('\u001b[31merror\u001b[0m\n')).toBe('\\u001b[31merror\\u001b[0m\n');
    expect(guardText('\r\u001b[2Kscanning', true, { tty: true })).toBe('\r\u001b[2Kscanning');
    expect(guardText('\r\u001b[2Kscanning', true, { color: true })).toBe('\\u000d\\u001b[2Kscanning');
    expect(guardText('\u001b]8;;https://x\u0007link', true, { color: true, tty: true })).toBe(
      '\\u001b]8;;https://x\\u0007link',
    );
    expect(guardText('::error file=a::b\n')).toBe('\\u003a:error file=a::b\n');
    expect(guardText('  ::warning::x\n')).toBe('  \\u003a:warning::x\n');
    expect(guardText('a ::b\n')).toBe('a ::b\n');
  });
  it('a JSON string stays the same JSON string through the guard', () => {
    const value = { s: 'a\u0085b ##[error]x' };
    expect(JSON.parse(guardText(JSON.stringify(value)))).toEqual(value);
  });
  it('Mermaid labels decode back to the text', () => {
    expect(mermaidLabel('50% "off" #1 <b>')).toBe('50#37; #34;off#34; #35;1 #60;b#62;');
  });
});
