/**
 * Which of a repo's deployment sets are its deployment. A repo often holds more than one
 * description of itself: the compose project it starts, the Kubernetes manifests of the same
 * services, per-service dev stacks, variants (a Cloud SQL flavour, a canary), a log shipper's
 * DaemonSet. Mapping all of them as one system would double nodes and invent calls; mapping
 * one by sort order would lose real ones. The rule, in order:
 *
 * 1. A set whose files another set already reads (a compose file `include:`d by a project) is
 *    part of that set, not a deployment of its own.
 * 2. The shallowest sets are the deployment (the folder a quick start runs from).
 * 3. A deeper set that describes the same workloads in the other format (compose and
 *    Kubernetes) is another view of the deployment: merged, the shallower one winning where
 *    they differ. In the same format it is a variant: left out.
 * 4. A deeper set of other workloads joins when it calls into the deployment or the deployment
 *    calls into it (a load generator, a service deployed from a sub-folder); one that neither
 *    calls nor is called is something else (a canary, a log shipper) and is left out.
 *
 * Everything left out is said, with why, so nothing is dropped silently.
 */
import { findAddresses } from '../importers/topology/addresses.js';
import type { DeploymentSet } from './model.js';
import { nameIndex } from './name-index.js';

export interface ChosenDeployment {
  /** The sets mapped, in precedence order: where two say different things of one workload, the first wins. */
  sets: DeploymentSet[];
  left: { set: DeploymentSet; why: string }[];
}

/** The folder a set stands for: a compose project's folder, a Kubernetes folder or kustomization. */
function rootOf(set: DeploymentSet): string {
  const [, path = ''] = /^[a-z]+:(.*)$/.exec(set.id) ?? [];
  const file = set.kind === 'compose' ? path : (set.files[0] ?? path);
  const isFolder = set.kind === 'kubernetes' && !/\.(ya?ml|json)$/i.test(path);
  const dir = isFolder ? path : file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  return dir.replace(/\/+$/, '');
}

const depthOf = (set: DeploymentSet) => (rootOf(set) === '' ? 0 : rootOf(set).split('/').length);

const namesOf = (set: DeploymentSet) => new Set(set.workloads.flatMap((w) => [w.name, ...w.aliases]));

/** True when a workload of `a` addresses or waits for a workload of `b`. */
function calls(a: DeploymentSet, b: DeploymentSet): boolean {
  const index = nameIndex(b.workloads);
  return a.workloads.some(
    (w) =>
      w.dependsOn.some((d) => index.has(d.name)) ||
      w.settings.some((s) => findAddresses(s.key, s.value).some((address) => index.resolve(address.host))),
  );
}

export function chooseDeployment(all: readonly DeploymentSet[]): ChosenDeployment {
  const left: ChosenDeployment['left'] = [];
  const sets: DeploymentSet[] = [];
  for (const set of all) {
    const owner = all.find(
      (other) => other !== set && set.files.length > 0 && set.files.every((f) => other.files.includes(f)),
    );
    // Part of its owner (said nowhere: it is mapped there); of two sets of the same files, the first stays.
    if (owner && (owner.files.length > set.files.length || all.indexOf(owner) < all.indexOf(set))) continue;
    if (set.workloads.length === 0) continue;
    sets.push(set);
  }
  sets.sort(
    (a, b) =>
      depthOf(a) - depthOf(b) || (a.kind === b.kind ? 0 : a.kind === 'compose' ? -1 : 1) || (a.id < b.id ? -1 : 1),
  );

  const chosen: DeploymentSet[] = [];
  const pending: DeploymentSet[] = [];
  const shallowest = sets.length > 0 ? depthOf(sets[0] as DeploymentSet) : 0;
  for (const set of sets) {
    const names = namesOf(set);
    const overlapping = chosen.filter((c) => [...namesOf(c)].some((n) => names.has(n)));
    const variantOf = overlapping.find((c) => c.kind === set.kind);
    if (variantOf) left.push({ set, why: `a variant of ${variantOf.id}: it describes the same workloads` });
    else if (overlapping.length > 0) chosen.push(set);
    else if (depthOf(set) === shallowest) chosen.push(set);
    else pending.push(set);
  }
  // Deeper sets of other workloads join while they connect to what is mapped.
  for (let joined = true; joined;) {
    joined = false;
    for (const set of [...pending]) {
      if (!chosen.some((c) => calls(set, c) || calls(c, set))) continue;
      chosen.push(set);
      pending.splice(pending.indexOf(set), 1);
      joined = true;
    }
  }
  for (const set of pending) {
    left.push({ set, why: `neither calls nor is called by the deployment (${chosen.map((c) => c.id).join(', ')})` });
  }
  return { sets: chosen, left };
}
