/**
 * A repo's CI sees one repo; org-wide rules need the rest. `--org <snapshot>` supplies it:
 * the checked repos replace their own past selves in a snapshot of the organisation, and
 * only their findings are reported.
 */
import type { RepoEntry, Snapshot } from '../graph/types.js';

/**
 * The repos of `org` that are not being checked, without the components the checked repos
 * declare (the snapshot may know the same repo under another id: a URL where the CI has a
 * folder).
 */
export function otherRepos(checked: readonly RepoEntry[], org: Snapshot): RepoEntry[] {
  const ids = new Set(checked.map((r) => r.id));
  const names = new Set(checked.flatMap((r) => r.manifests.map((m) => m.name)));
  const others: RepoEntry[] = [];
  for (const repo of org.repos) {
    if (ids.has(repo.id)) continue;
    const manifests = repo.manifests.filter((m) => !names.has(m.name));
    if (manifests.length === repo.manifests.length) others.push(repo);
    else if (manifests.length > 0) others.push({ ...repo, manifests });
  }
  return others;
}
