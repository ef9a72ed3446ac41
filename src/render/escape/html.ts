/** Text and attribute values inside HTML (the docs' <details>, the explorer). */
import { spaced } from '../../util/control-chars.js';

export function htmlText(text: string): string {
  return spaced(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
