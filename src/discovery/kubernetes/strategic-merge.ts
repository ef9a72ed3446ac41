/**
 * Kustomize's two kinds of patch, applied to a resource in place: a strategic merge patch (maps
 * merge, the lists Kubernetes keys by name merge item by item, `$patch: delete|replace`) and a
 * JSON patch (RFC 6902 `add`, `replace`, `remove`, `copy`, `move`). Enough for what a patch
 * usually changes (a container's image or env, a label, an added sidecar); list merges that
 * need the API's schema beyond the keys below fall back to replacing the list.
 */
import type { SourceRef } from '../model.js';
import { asString, isRecord } from '../../importers/util/located.js';
import type { ValueOrigins } from './value-origins.js';

/** The merge key of the lists Kubernetes merges item by item (`patchMergeKey`). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  imagePullSecrets: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  hostAliases: 'ip',
};

function mergeKeyOf(field: string, lists: unknown[][]): string | undefined {
  if (field === 'ports')
    return lists.some((list) => list.some((i) => isRecord(i) && 'containerPort' in i)) ? 'containerPort' : 'port';
  return Object.hasOwn(MERGE_KEYS, field) ? MERGE_KEYS[field] : undefined;
}

/** Merges `patch` into `target`; `patch` is the caller's own copy and is moved in, not copied. */
export function strategicMerge(
  target: Record<string, unknown>,
  patch: Record<string, unknown>,
  origins: ValueOrigins,
): void {
  if (patch.$patch === 'replace') {
    for (const key of Object.keys(target)) delete target[key];
  }
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$') || key === '__proto__') continue;
    const current = target[key];
    if (value === null || (isRecord(value) && value.$patch === 'delete')) {
      delete target[key];
    } else if (isRecord(value) && isRecord(current) && value.$patch !== 'replace') {
      strategicMerge(current, value, origins);
    } else if (Array.isArray(value) && Array.isArray(current) && mergeKeyOf(key, [value, current])) {
      mergeList(current, value, mergeKeyOf(key, [value, current])!, origins);
    } else {
      target[key] = isRecord(value) ? withoutDirectives(value) : value;
      origins.setKey(target, key, origins.at(patch, key));
    }
  }
}

function withoutDirectives(value: Record<string, unknown>): Record<string, unknown> {
  delete value.$patch;
  return value;
}

function mergeList(target: unknown[], patch: unknown[], key: string, origins: ValueOrigins): void {
  for (const item of patch) {
    if (!isRecord(item)) continue;
    const id = asString(item[key]);
    const index = target.findIndex(
      (existing) => isRecord(existing) && id !== undefined && asString(existing[key]) === id,
    );
    if (item.$patch === 'delete') {
      if (index >= 0) target.splice(index, 1);
    } else if (index >= 0) {
      strategicMerge(target[index] as Record<string, unknown>, item, origins);
    } else {
      target.push(withoutDirectives(item));
    }
  }
}

/** Applies RFC 6902 operations; returns the operations that did not apply, as text. */
export function applyJsonPatch(
  target: Record<string, unknown>,
  operations: unknown[],
  origins: ValueOrigins,
  at: SourceRef,
): string[] {
  const failed: string[] = [];
  for (const operation of operations) {
    if (!isRecord(operation)) continue;
    const op = asString(operation.op) ?? '';
    const path = asString(operation.path) ?? '';
    let ok: boolean;
    if (op === 'add' || op === 'replace') {
      origins.stamp(operation.value, at);
      ok = put(target, path, operation.value, op, origins, at);
    } else if (op === 'remove') {
      ok = take(target, path) !== undefined;
    } else if (op === 'copy' || op === 'move') {
      const from = asString(operation.from) ?? '';
      const value = op === 'move' ? take(target, from) : origins.clone(locate(target, from)?.value);
      ok = value !== undefined && put(target, path, value, 'add', origins, at);
    } else {
      ok = op === 'test';
    }
    if (!ok) failed.push(`${op} ${path}`);
  }
  return failed;
}

interface Place {
  parent: Record<string, unknown> | unknown[];
  key: string;
  value: unknown;
}

function pointer(path: string): string[] | undefined {
  if (!path.startsWith('/')) return undefined;
  return path
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The place `path` points at; with `make`, missing maps on the way are made, as kustomize does for `add`. */
function locate(root: Record<string, unknown>, path: string, make?: () => Record<string, unknown>): Place | undefined {
  const parts = pointer(path);
  if (!parts || parts.length === 0) return undefined;
  let parent: unknown = root;
  for (const part of parts.slice(0, -1)) {
    if (Array.isArray(parent)) parent = parent[Number(part)];
    else if (isRecord(parent) && Object.hasOwn(parent, part)) parent = parent[part];
    else if (isRecord(parent) && make && part !== '__proto__') parent = parent[part] = make();
    else return undefined;
  }
  if (!Array.isArray(parent) && !isRecord(parent)) return undefined;
  const key = parts[parts.length - 1]!;
  const value = Array.isArray(parent) ? parent[Number(key)] : Object.hasOwn(parent, key) ? parent[key] : undefined;
  return { parent, key, value };
}

function put(
  root: Record<string, unknown>,
  path: string,
  value: unknown,
  op: string,
  origins: ValueOrigins,
  at: SourceRef,
): boolean {
  const place = locate(root, path, () => {
    const made = {};
    origins.stamp(made, at);
    return made;
  });
  if (!place) return false;
  const { parent, key } = place;
  if (Array.isArray(parent)) {
    const index = key === '-' ? parent.length : Number(key);
    if (!Number.isInteger(index) || index < 0 || index > parent.length) return false;
    if (op === 'replace') parent[index] = value;
    else parent.splice(index, 0, value);
    origins.setKey(parent, index, at);
    return true;
  }
  // A `replace` of a missing key adds it: what was meant, and what an overlay of a changed base needs.
  if (key === '__proto__') return false;
  parent[key] = value;
  origins.setKey(parent, key, at);
  return true;
}

function take(root: Record<string, unknown>, path: string): unknown {
  const place = locate(root, path);
  if (!place || place.value === undefined) return undefined;
  if (Array.isArray(place.parent)) place.parent.splice(Number(place.key), 1);
  else delete place.parent[place.key];
  return place.value;
}
