import { terminalText } from '../render/escape/index.js';
import { useColor } from './color.js';
import type { OutputStream } from './context.js';

export interface Progress {
  update(done: number, total: number, label?: string): void;
  done(): void;
}

const SILENT: Progress = { update() {}, done() {} };

/**
 * A one-line counter with a bar on stderr, redrawn at most every 100 ms. Off when stderr is
 * not a terminal (CI logs stay clean) or with --quiet. Given `env`, the bar is coloured where
 * colours are on (color.ts: NO_COLOR, FORCE_COLOR).
 */
export function createProgress(
  stream: OutputStream,
  title: string,
  options: { quiet?: boolean | undefined; env?: NodeJS.ProcessEnv } = {},
): Progress {
  if (options.quiet || !stream.isTTY) return SILENT;
  const [on, off] = options.env && useColor(stream, options.env) ? ['\x1b[36m', '\x1b[39m'] : ['', ''];
  let last = 0;
  let shown = false;
  return {
    update(done, total, label) {
      const now = Date.now();
      if (done < total && now - last < 100) return;
      last = now;
      const width = 24;
      const filled = total > 0 ? Math.round((done / total) * width) : 0;
      const bar = `${on}${'█'.repeat(filled)}${off}${'░'.repeat(width - filled)}`;
      const name = label === undefined ? '' : terminalText(label);
      const tail = name ? ` ${name.length > 40 ? `…${name.slice(-39)}` : name}` : '';
      stream.write(`\r\x1b[2K${title} ${bar} ${done}/${total}${tail}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
