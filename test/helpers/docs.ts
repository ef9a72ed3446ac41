/** Reading back a docs folder: its files, and links that do not resolve. */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { anchor as headingAnchor } from '../../src/render/docs/markdown.js';

/** An anchor a page has: an explicit `id="…"`, or one of its headings (GitHub's slugs). */
function hasAnchor(text: string, anchor: string): boolean {
  if (text.includes(`id="${anchor}"`)) return true;
  return text.split('\n').some((line) => /^#{1,6} /.test(line) && headingAnchor(line.replace(/^#+ /, '')) === anchor);
}

export function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

/** Every link and image of every page, relative ones resolved: all must exist. */
export function brokenLinks(files: ReadonlyMap<string, string>): string[] {
  const broken: string[] = [];
  for (const [page, text] of files) {
    if (!page.endsWith('.md')) continue;
    const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g), ...text.matchAll(/href="([^"]+)"/g)].map(
      (m) => m[1] as string,
    );
    for (const target of targets) {
      if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
      const [file, anchor] = decodeURI(target).split('#') as [string, string | undefined];
      const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(page), file));
      if (resolved.startsWith('..') || !files.has(resolved)) broken.push(`${page} → ${target}`);
      else if (anchor && !hasAnchor(files.get(resolved) as string, anchor)) broken.push(`${page} → ${target}`);
    }
  }
  return broken;
}
