/** Text and attribute values of XML (JUnit reports, SVG). */

// Characters XML 1.0 cannot hold at all, even escaped; and C1 controls and bidi overrides.
const INVALID_XML =
  /[^\x09\x0A\x0D\x20-\x7E\xA0-\u2027\u202A-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]|[\u202a-\u202e\u2066-\u2069]/gu;

/**
 * Line breaks and tabs become character references: the same text to an XML reader (even
 * in attributes, where raw ones would be normalised to spaces), and no line of the file
 * starts with data, where a CI log printing the report would read a command.
 */
export function xmlText(text: string): string {
  return text
    .replace(INVALID_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;')
    .replace(/##(?=\[|vso\[|teamcity\[)/gi, '#&#35;');
}
