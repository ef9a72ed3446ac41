import { stat } from 'node:fs/promises';

/** True when something (file, folder, link target) is at `p`. */
export async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}
