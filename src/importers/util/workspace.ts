/**
 * A lockfile at a workspace's root is read for one package of the workspace at a time
 * (`ImportContext.workspace`): where that package sits in the lockfile, and its own manifest.
 */
import type { ImportContext } from '../types.js';
import { dirname, inDir } from '../../util/paths.js';

/**
 * The package's folder relative to the lockfile's (`packages/api`); undefined when it is the
 * lockfile's own project or lies outside the lockfile's folder.
 */
export function workspaceInLock(ctx: ImportContext): string | undefined {
  const lockDir = dirname(ctx.file);
  const workspace = ctx.workspace;
  if (workspace === undefined || workspace === lockDir) return undefined;
  const prefix = lockDir === '' ? '' : `${lockDir}/`;
  return workspace.startsWith(prefix) ? workspace.slice(prefix.length) : undefined;
}

/** The package's own `name` (package.json, pyproject.toml), else the one beside the lockfile. */
export function readProjectFile(ctx: ImportContext, name: string): string | undefined {
  return ctx.readFile(inDir(ctx.workspace ?? dirname(ctx.file), name)) ?? ctx.readFile(inDir(dirname(ctx.file), name));
}
