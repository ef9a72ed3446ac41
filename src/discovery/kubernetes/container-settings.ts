/**
 * The values a container is given, in the order Kubernetes applies them (`envFrom` first, `env`
 * overriding it): ConfigMap keys through `envFrom` and `configMapKeyRef` (with the ConfigMap's
 * own line, since that is where the address is written), inline values with `$(VAR)` expanded
 * as the kubelet does, Secret keys with their values never kept, and `--flag=value` arguments
 * of the command. Secret-looking values and URL passwords are masked.
 */
import type { Setting, SourceRef } from '../model.js';
import { asArray, asString, isRecord } from '../../importers/util/located.js';
import { maskedValue } from '../../importers/topology/addresses.js';
import type { ValueOrigins } from './value-origins.js';

/** What a Secret's value reads as in the model. */
const SECRET_VALUE = '***';

/** The `data` of the ConfigMap or Secret of that name that the container sees, if any. */
export type ConfigLookup = (kind: 'ConfigMap' | 'Secret', name: string) => Record<string, unknown> | undefined;

export function containerSettings(
  container: Record<string, unknown>,
  origins: ValueOrigins,
  lookup: ConfigLookup,
  fallback: SourceRef,
): Setting[] {
  const settings: Setting[] = [];
  const vars = new Map<string, string>();
  const where = (value: unknown, key: string | number): SourceRef => origins.at(value, key) ?? fallback;
  const add = (setting: Setting): void => {
    settings.push(setting);
    vars.set(setting.key, setting.value);
  };

  for (const source of asArray(container.envFrom).filter(isRecord)) {
    const prefix = asString(source.prefix) ?? '';
    for (const kind of ['ConfigMap', 'Secret'] as const) {
      const ref = kind === 'ConfigMap' ? source.configMapRef : source.secretRef;
      const name = isRecord(ref) ? asString(ref.name) : undefined;
      const data = name === undefined ? undefined : lookup(kind, name);
      for (const [key, raw] of Object.entries(data ?? {})) {
        const through = where(ref, 'name');
        if (kind === 'Secret') add({ key: prefix + key, value: SECRET_VALUE, via: 'secret', ...through });
        else
          add({
            key: prefix + key,
            value: maskedValue(prefix + key, text(raw)),
            via: 'configmap',
            ...where(data, key),
            through,
          });
      }
    }
  }

  for (const entry of asArray(container.env).filter(isRecord)) {
    const key = asString(entry.name);
    if (!key) continue;
    const from = isRecord(entry.valueFrom) ? entry.valueFrom : undefined;
    if (from && isRecord(from.configMapKeyRef)) {
      const ref = from.configMapKeyRef;
      const data = lookup('ConfigMap', asString(ref.name) ?? '');
      const dataKey = asString(ref.key) ?? '';
      if (data && Object.hasOwn(data, dataKey))
        add({
          key,
          value: maskedValue(key, text(data[dataKey])),
          via: 'configmap',
          ...where(data, dataKey),
          through: where(entry, 'name'),
        });
    } else if (from && isRecord(from.secretKeyRef)) {
      add({ key, value: SECRET_VALUE, via: 'secret', ...where(entry, 'valueFrom') });
    } else if (!from) {
      // A fieldRef or resourceFieldRef is the pod's own data, never an address of another workload.
      const written = text(entry.value);
      const value = expand(written, vars);
      add({
        key,
        value: maskedValue(key, value),
        ...(value !== written ? { written: maskedValue(key, written) } : {}),
        via: 'env',
        ...where(entry, 'value' in entry ? 'value' : 'name'),
      });
    }
  }

  settings.push(...flagSettings(container, origins, vars, fallback));
  return settings;
}

function text(value: unknown): string {
  return typeof value === 'boolean' ? String(value) : (asString(value) ?? '');
}

/** The kubelet's `$(VAR)`: a variable defined before it, `$$(VAR)` for the literal text, anything else as written. */
function expand(value: string, vars: ReadonlyMap<string, string>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (match, name: string | undefined) =>
    match === '$$' ? '$' : (vars.get(name!) ?? match),
  );
}

/** `--name=value`, `-name=value`, `-Dname=value` and `--name value` in the container's command and args. */
function flagSettings(
  container: Record<string, unknown>,
  origins: ValueOrigins,
  vars: ReadonlyMap<string, string>,
  fallback: SourceRef,
): Setting[] {
  const tokens: { text: string; written: string; at: SourceRef }[] = [];
  for (const field of ['command', 'args']) {
    const list = asArray(container[field]);
    list.forEach((raw, index) => {
      const written = asString(raw);
      if (written === undefined) return;
      const at = origins.at(list, index) ?? fallback;
      // A shell line (`sh -c "exec app --addr=x"`) holds its flags as words.
      for (const word of written.split(/\s+/).filter(Boolean))
        tokens.push({ text: expand(word, vars), written: word, at });
    });
  }
  const settings: Setting[] = [];
  tokens.forEach((token, index) => {
    const next = tokens[index + 1];
    const joined = /^-D([\w.-]+)=(.*)$/s.exec(token.text) ?? /^--?([A-Za-z][\w.-]*)=(.*)$/s.exec(token.text);
    const bare = /^--([A-Za-z][\w.-]*)$/.exec(token.text);
    const [key, value, written] = joined
      ? [joined[1]!, joined[2]!, token.written]
      : bare && next && !next.text.startsWith('-')
        ? [bare[1]!, next.text, next.written]
        : [];
    if (key === undefined || value === undefined) return;
    const writtenValue = joined ? written!.slice(written!.indexOf('=') + 1) : written!;
    settings.push({
      key,
      value: maskedValue(key, value),
      ...(writtenValue !== value ? { written: maskedValue(key, writtenValue) } : {}),
      via: 'command',
      ...token.at,
    });
  });
  return settings;
}
