/**
 * XML through fast-xml-parser with node start offsets, so every element has a line. Entities
 * and DOCTYPE declarations are not expanded: a build file needs neither.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { lineAtOffset } from './located.js';
import type { ImportProblem } from '../types.js';

export interface XmlElement {
  [key: string]: unknown;
}

export type XmlParse =
  { ok: true; root: XmlElement; lineOf(element: unknown): number | undefined } | { ok: false; problem: ImportProblem };

const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

export function parseXml(text: string): XmlParse {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    return { ok: false, problem: { line: valid.err.line, message: `XML syntax: ${valid.err.msg}` } };
  }
  try {
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: true,
      processEntities: false,
      captureMetaData: true,
      isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute,
    });
    const root = parser.parse(text) as XmlElement;
    const lines = new Map<number, number>();
    const lineOf = (element: unknown): number | undefined => {
      if (typeof element !== 'object' || element === null) return undefined;
      const meta = (element as Record<symbol, { startIndex?: number } | undefined>)[META];
      if (meta?.startIndex === undefined) return undefined;
      let line = lines.get(meta.startIndex);
      if (line === undefined) {
        line = lineAtOffset(text, meta.startIndex);
        lines.set(meta.startIndex, line);
      }
      return line;
    };
    return { ok: true, root, lineOf };
  } catch (error) {
    return { ok: false, problem: { message: `XML could not be parsed: ${(error as Error).message}` } };
  }
}

/** Child elements with this tag name (every element is parsed into an array; text-only ones are strings). */
export function children(element: unknown, tag: string): XmlElement[] {
  if (typeof element !== 'object' || element === null) return [];
  const value = (element as XmlElement)[tag];
  if (!Array.isArray(value)) return [];
  return value.map((item) =>
    typeof item === 'object' && item !== null ? (item as XmlElement) : ({ '#text': String(item) } as XmlElement),
  );
}

export function child(element: unknown, tag: string): XmlElement | undefined {
  return children(element, tag)[0];
}

/** Text content of an element or of its first child with this tag. */
export function text(element: unknown, tag?: string): string | undefined {
  const target = tag === undefined ? element : child(element, tag);
  if (target === undefined || target === null) return undefined;
  if (typeof target !== 'object') return String(target);
  const value = (target as XmlElement)['#text'];
  if (value === undefined) return undefined;
  const str = Array.isArray(value) ? value.join('') : String(value);
  return str.trim();
}

export function attr(element: unknown, name: string): string | undefined {
  if (typeof element !== 'object' || element === null) return undefined;
  const value = (element as XmlElement)[`@${name}`];
  return typeof value === 'string' ? value : undefined;
}
