/**
 * Whether a stream gets colours: FORCE_COLOR (any value but 0) turns them on, NO_COLOR (any
 * non-empty value, https://no-color.org) off, else a terminal has them and anything else
 * (a file, a pipe, a CI log) does not. The output guard lets escape sequences through only
 * where this says yes.
 */
import type { OutputStream } from './context.js';

export function useColor(stream: OutputStream, env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true;
}
