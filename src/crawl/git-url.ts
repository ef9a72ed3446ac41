/**
 * Git URLs from config files and command lines are untrusted: a URL can smuggle options into
 * git (`--upload-pack=…`, `-c core.sshCommand=…`) or run a command through a transport
 * helper (`ext::sh -c …`, `fd::`). Only plain https, http, ssh, git and file URLs and the
 * scp-like `user@host:path` form are accepted, with a conservative `#ref`.
 */
import { createHash } from 'node:crypto';
import { oneLine } from '../util/control-chars.js';
import { UsageError } from '../errors.js';
import { GIT_TRANSPORTS } from './git-env.js';

export interface GitUrl {
  /** The URL git is given, without `#ref`. */
  url: string;
  /** The URL for reports: credentials removed. */
  display: string;
  ref?: string;
  /** `host/org/repo`: the repo's id in the graph. */
  id: string;
}

const ALLOWED_SCHEMES = new Set(GIT_TRANSPORTS.map((t) => `${t}:`));
const SCP_LIKE = /^([A-Za-z0-9._-]+@)?([A-Za-z0-9.-]+):(?!\/\/)([A-Za-z0-9._~\/-]+)$/;
const REF = /^[A-Za-z0-9._\/@+-]+$/;

/** True when the text looks like a git URL rather than a local path. */
export function looksLikeGitUrl(text: string): boolean {
  // Any `user@host:` is taken for the scp-like form, so an odd host is refused as a URL, not looked up as a folder.
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || /^[^\s/@]+@[^\s/:]+:/.test(text) || text.includes('::');
}

export function parseGitUrl(input: string): GitUrl {
  const refuse = (why: string): never => {
    throw new UsageError(`refusing git URL "${oneLine(redact(input))}": ${why}`, {
      hint: 'use an https://, ssh://, git://, file:// or git@host:org/repo.git URL, optionally with #ref',
    });
  };
  if (input.length > 2000) refuse('too long');
  // eslint-disable-next-line no-control-regex
  if (/[\s\x00-\x1f\x7f]/.test(input)) refuse('it contains whitespace or control characters');
  if (input.startsWith('-')) refuse('it starts with "-" and would be read as an option');
  if (/(^|[^:])::/.test(input) || /^[a-z0-9+.-]+::/i.test(input))
    refuse('transport helpers such as ext:: and fd:: can run commands');
  if (/--upload-pack|--receive-pack|--exec|--config|-c\s/.test(input)) refuse('it carries a git option');

  const hash = input.indexOf('#');
  const base = hash >= 0 ? input.slice(0, hash) : input;
  const ref = hash >= 0 ? input.slice(hash + 1) : undefined;
  if (ref !== undefined) {
    if (!ref || !REF.test(ref) || ref.startsWith('-') || ref.includes('..') || ref.endsWith('.lock')) {
      refuse(`"#${ref}" is not a valid branch, tag or commit`);
    }
  }

  let id: string;
  let display = base;
  const scp = SCP_LIKE.exec(base);
  if (scp) {
    id = `${scp[2]}/${stripGit(scp[3] ?? '')}`;
  } else {
    let url: URL;
    try {
      url = new URL(base);
    } catch {
      return refuse('it is not a URL');
    }
    if (!ALLOWED_SCHEMES.has(url.protocol)) refuse(`the ${url.protocol.replace(':', '')} scheme is not allowed`);
    if (url.protocol !== 'file:' && !url.hostname) refuse('it has no host');
    if (url.hostname.startsWith('-') || url.username.startsWith('-')) refuse('its host or user starts with "-"');
    if (url.password || (url.username && url.protocol.startsWith('http'))) {
      const clean = new URL(base);
      clean.username = '';
      clean.password = '';
      display = clean.toString();
    }
    const pathPart = stripGit(decodeURIComponent(url.pathname).replace(/^\/+/, '').replace(/\/+$/, ''));
    id = url.protocol === 'file:' ? `file/${pathPart.split('/').slice(-2).join('/')}` : `${url.hostname}/${pathPart}`;
  }
  const result: GitUrl = { url: base, display, id };
  if (ref !== undefined) result.ref = ref;
  return result;
}

function stripGit(p: string): string {
  return p.replace(/\.git$/, '');
}

function redact(text: string): string {
  return text.replace(/\/\/[^/@]*@/, '//***@');
}

/** A cache folder name for a URL at a ref: readable and collision-free (refs get their own clone). */
export function cacheKey(url: GitUrl): string {
  const digest = createHash('sha256')
    .update(`${url.url}#${url.ref ?? ''}`)
    .digest('hex')
    .slice(0, 12);
  const readable = `${url.id}${url.ref ? `@${url.ref}` : ''}`.replace(/[^A-Za-z0-9._-]+/g, '_').slice(-80);
  return `${readable}-${digest}`;
}
