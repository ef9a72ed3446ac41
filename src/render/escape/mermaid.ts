/**
 * Text inside Mermaid. Mermaid reads `%%{…}%%` anywhere in a diagram as a directive that
 * changes its configuration (themeCSS lands in the SVG's <style>), so no `%` from data
 * ever reaches it as `%`; and nothing from data may close a label or start a statement.
 */
import { spaced } from '../../util/control-chars.js';

/**
 * A quoted flowchart label (`id["…"]`, `-->|"…"|`). Mermaid decodes `#<code>;` entities
 * there, so every character that could end the string, start an entity, be read as HTML or
 * as markdown, or form a directive is written that way.
 */
export function mermaidLabel(text: string): string {
  return spaced(text).replace(/[#"<>&`%]/g, (c) => `#${c.charCodeAt(0)};`);
}

/**
 * Text where Mermaid decodes no entities (architecture-beta titles, timeline entries):
 * syntax characters become look-alikes. `extra` names characters the context also needs
 * replaced (the timeline's `:`).
 */
const LOOK_ALIKES: Record<string, string> = {
  '%': '％',
  '#': '＃',
  ';': '；',
  '<': '‹',
  '>': '›',
  '[': '(',
  ']': ')',
  ':': '∶',
  '{': '(',
  '}': ')',
  '"': "'",
  '`': "'",
};

export function mermaidBareText(text: string, also = ''): string {
  const pattern = new RegExp(`[%#;<>\\[\\]{}"\`${also.replace(/[\\\]^-]/g, '\\$&')}]`, 'g');
  return spaced(text)
    .replace(pattern, (c) => LOOK_ALIKES[c] ?? ' ')
    .trim();
}

/** A scalar of the diagram's YAML front matter (the title): quoted unless plainly safe. */
export function mermaidYamlScalar(text: string): string {
  const line = spaced(text);
  return /^[A-Za-z0-9][A-Za-z0-9 ._()-]*$/.test(line) ? line : JSON.stringify(line).replace(/%/g, '\\u0025');
}
