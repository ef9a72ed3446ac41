/**
 * A diff as Markdown (a pull request comment, a job summary): counts, the picture of the
 * change, then a list per section. The whole stays under a PR comment's 65,536 characters
 * when the lists leave room for the picture: the picture is cropped to what is left.
 */
import { countDiff, describeDiff } from '../../graph/diff-describe.js';
import { isEmptyDiff } from '../../graph/diff-graphs.js';
import { describeInvalid, type DiffReport } from './model.js';
import { markdownCode, markdownText } from '../escape/index.js';
import { READABLE_EDGES } from '../plan.js';
import { diffPicture, MERMAID_PICTURE } from './mermaid.js';
import { SECTIONS } from './text.js';

const mdText = markdownText;

const SIGN = { '+': '➕', '-': '➖', '~': '✏️' } as const;

export function renderDiffMarkdown(report: DiffReport): string {
  const out = [`### depmap diff ${markdownCode(report.from)} → ${markdownCode(report.to)}`, ''];
  for (const i of report.invalid ?? []) out.push(`> ⚠️ ${mdText(describeInvalid(report, i))}`, '');
  if (isEmptyDiff(report.diff)) return `${out.join('\n')}No changes in the dependency graph.\n`;
  const c = countDiff(report.diff);
  out.push('| | added | removed | changed |', '|---|---:|---:|---:|');
  out.push(`| components | ${c.components.added} | ${c.components.removed} | ${c.components.changed} |`);
  out.push(`| service edges | ${c.services.added} | ${c.services.removed} | ${c.services.changed} |`);
  out.push(`| library edges | ${c.libraries.added} | ${c.libraries.removed} | ${c.libraries.changed} |`);
  out.push(
    '',
    `Versions: ${c.versions.upgrades} upgraded, ${c.versions.downgrades} downgraded, ${c.versions.other} changed otherwise. Pins: ${c.pins.gained} gained, ${c.pins.lost} lost.`,
  );
  const lists: string[] = [];
  const lines = describeDiff(report.diff);
  for (const section of SECTIONS) {
    const inSection = lines.filter((l) => section.kinds.includes(l.kind));
    if (inSection.length === 0) continue;
    lists.push('', `#### ${section.title}`, '');
    for (const l of inSection) lists.push(`- ${SIGN[l.sign]} ${mdText(l.text)}`);
  }
  const rest = [...out, ...lists].join('\n').length + 1;
  out.push('', ...pictureMarkdown(report, COMMENT_LIMIT - rest, 'the lists below have every change'));
  return `${[...out, ...lists].join('\n')}\n`;
}

/** GitHub's limit on a pull request comment (and on what a bot may post), in characters. */
export const COMMENT_LIMIT = 65_536;

/** Room for the fence, the legend and the sentence on what was left out. */
const PROSE_ROOM = 1_000;

/** Below this the picture would show next to nothing: it is left out instead, and that is said. */
const MIN_PICTURE = 2_000;

/**
 * The picture of the change as a Mermaid block GitHub draws, within `room` characters of
 * Markdown, and at most READABLE_EDGES edges: a PR picture is read, not studied. `elsewhere`
 * says where the reader finds what the picture leaves out.
 */
export function pictureMarkdown(report: DiffReport, room: number, elsewhere: string): string[] {
  const maxChars = Math.min(MERMAID_PICTURE.maxChars, room - PROSE_ROOM);
  if (maxChars < MIN_PICTURE)
    return [
      `_The picture of the change is left out: the rest of this report takes nearly all of the ${COMMENT_LIMIT.toLocaleString('en-US')} characters GitHub shows in a comment (${elsewhere})._`,
    ];
  const picture = diffPicture(report, { maxEdges: READABLE_EDGES, maxChars }, elsewhere);
  const out = [
    '```mermaid',
    picture.text.trimEnd(),
    '```',
    '',
    'Green: added · red, dashed: removed · amber: changed (a new version, an owner, a protocol) · grey: unchanged neighbours.',
  ];
  if (picture.leftOut)
    out.push(
      '',
      `The picture draws ${picture.changedEdges.drawn} of ${picture.changedEdges.total} changed edges: ${mdText(picture.leftOut)}.`,
    );
  return out;
}
