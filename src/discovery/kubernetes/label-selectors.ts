/**
 * Kubernetes label selectors, as the API server reads them: a Service's plain `selector` map, and
 * the `matchLabels` + `matchExpressions` of NetworkPolicies and workloads. Label values are
 * strings to the cluster even when YAML reads `version: 2` as a number.
 */
import { asArray, asString, isRecord } from '../../importers/util/located.js';

export type Labels = Record<string, string>;

/** A map of scalars as strings; undefined for anything else. */
export function labelsOf(value: unknown): Labels | undefined {
  if (!isRecord(value)) return undefined;
  const labels: Labels = {};
  for (const [key, raw] of Object.entries(value)) {
    const text = typeof raw === 'boolean' ? String(raw) : asString(raw);
    if (text !== undefined) labels[key] = text;
  }
  return labels;
}

/** Every pair of `selector` is in `labels` (a Service's selector). */
export function matchesLabels(labels: Labels, selector: Labels): boolean {
  return Object.entries(selector).every(([key, value]) => Object.hasOwn(labels, key) && labels[key] === value);
}

/** A LabelSelector (`matchLabels`, `matchExpressions`); an empty one selects everything. */
export function matchesSelector(labels: Labels, selector: unknown): boolean {
  if (!isRecord(selector)) return false;
  if (!matchesLabels(labels, labelsOf(selector.matchLabels) ?? {})) return false;
  return asArray(selector.matchExpressions).every((expression) => {
    if (!isRecord(expression)) return false;
    const key = asString(expression.key) ?? '';
    const values = asArray(expression.values).map((v) => asString(v) ?? String(v));
    const has = Object.hasOwn(labels, key);
    switch (expression.operator) {
      case 'In':
        return has && values.includes(labels[key]!);
      case 'NotIn':
        return !has || !values.includes(labels[key]!);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        return false;
    }
  });
}

/** A LabelSelector that selects every pod: `{}`, or absent. */
export function isEmptySelector(selector: unknown): boolean {
  if (!isRecord(selector)) return true;
  return (
    Object.keys(labelsOf(selector.matchLabels) ?? {}).length === 0 && asArray(selector.matchExpressions).length === 0
  );
}

/** `app=orders,tier in (db,cache)`: a selector on one line, for a route's text. */
export function describeSelector(selector: unknown): string {
  if (!isRecord(selector)) return '';
  const parts = Object.entries(labelsOf(selector.matchLabels) ?? {}).map(([key, value]) => `${key}=${value}`);
  for (const expression of asArray(selector.matchExpressions)) {
    if (!isRecord(expression)) continue;
    const values = asArray(expression.values).map((v) => asString(v) ?? '');
    const key = asString(expression.key) ?? '';
    const operator = asString(expression.operator) ?? '';
    parts.push(values.length > 0 ? `${key} ${operator.toLowerCase()} (${values.join(',')})` : `${key} ${operator}`);
  }
  return parts.join(',');
}
