/** Why a manifest could not be read, said the same way by validate, scan and check. */
import { describeErrno } from '../io/errno.js';
import { FileReadError } from '../io/read-file.js';

export function manifestUnreadable(shown: string, error: unknown): string {
  if (error instanceof FileReadError) {
    const hint = error.reason === 'too-large' ? ': a manifest lists dependencies, not data' : '';
    return `${shown} ${error.detail}${hint}`;
  }
  return `cannot read ${shown}: ${describeErrno(error)}`;
}
