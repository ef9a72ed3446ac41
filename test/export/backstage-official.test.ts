/**
 * The exported entities checked by Backstage's own validators (@backstage/catalog-model):
 * the catalog's entity policies (envelope, field formats, schema), then the v1alpha1 schema
 * of each kind.
 */
import {
  DefaultNamespaceEntityPolicy,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  type Entity,
} from '@backstage/catalog-model';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { toBackstage } from '../../src/export/backstage.js';
import { backstageFixtureGraphs } from '../helpers/interop.js';
import { demoOrg, snapshotOf } from './snapshot.js';

/** The AiResource kind is in the package's alpha entry, whose ESM build does not load on Node 20: through require. */
const alpha = createRequire(import.meta.url)('@backstage/catalog-model/alpha') as {
  aiResourceEntityV1alpha1Validator: { check(entity: Entity): Promise<boolean> };
  mcpServerApiEntityValidator: { check(entity: Entity): Promise<boolean> };
};

const policy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);
const validators: Record<string, { check(entity: Entity): Promise<boolean> }> = {
  Component: componentEntityV1alpha1Validator,
  API: apiEntityV1alpha1Validator,
  Resource: resourceEntityV1alpha1Validator,
  System: systemEntityV1alpha1Validator,
  Domain: domainEntityV1alpha1Validator,
  Group: groupEntityV1alpha1Validator,
  User: userEntityV1alpha1Validator,
  AiResource: alpha.aiResourceEntityV1alpha1Validator,
};

/** An API of type mcp-server has its own schema (remotes instead of a definition). */
const validatorOf = (entity: Entity) =>
  entity.kind === 'API' && entity.spec?.type === 'mcp-server'
    ? alpha.mcpServerApiEntityValidator
    : validators[entity.kind];

function entities(text: string): Entity[] {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) throw new Error('no documents');
  return docs.map((doc) => doc.toJS() as Entity);
}

/**
 * What the catalog's PlaceholderProcessor does before any validator runs: `{ $text: ./x }`,
 * `{ $openapi: https://… }` become the text they point at (here a stand-in; nothing is fetched).
 */
function resolvePlaceholders(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolvePlaceholders);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && /^\$[a-z]+$/.test(entries[0]![0]) && typeof entries[0]![1] === 'string')
    return `(${entries[0]![0]} ${entries[0]![1] as string})`;
  return Object.fromEntries(entries.map(([k, v]) => [k, resolvePlaceholders(v)]));
}

async function problemsOf(raw: Entity): Promise<string[]> {
  const entity = resolvePlaceholders(raw) as Entity;
  const problems: string[] = [];
  const where = `${entity.kind} ${entity.metadata.name}`;
  try {
    await policy.enforce(structuredClone(entity));
  } catch (error) {
    problems.push(`${where}: ${(error as Error).message}`);
  }
  try {
    if ((await validatorOf(entity)?.check(entity)) !== true) problems.push(`${where}: not a known kind`);
  } catch (error) {
    problems.push(`${where}: ${(error as Error).message}`);
  }
  return problems;
}

const awkward = snapshotOf({
  x: [
    'depmap: 1',
    'name: "pay..v2__"',
    'kind: frontend',
    'system: "commerce.eu"',
    'tags: [PCI Scope, "no good!"]',
    'provides:',
    '  - { api: pay-events, protocol: kafka, version: 2.0.0 }',
    'services:',
    `  - { name: ${'a'.repeat(80)}, kind: database }`,
    '  - { name: stripe, kind: external, url: "https://api.stripe.com", version: "2024-06-20" }',
    '  - { name: ghost-api, api: ghost, version: 1.0.0 }',
  ].join('\n'),
});

describe('Backstage export, checked by @backstage/catalog-model', () => {
  it('every entity of the demo organisation, of awkward names and of the interop fixtures passes the policies and its kind’s schema', async () => {
    for (const snapshot of [demoOrg(), awkward, ...backstageFixtureGraphs()]) {
      const problems = (
        await Promise.all(entities(toBackstage(snapshot, { defaultOwner: 'group:default/platform' })).map(problemsOf))
      ).flat();
      expect(problems).toEqual([]);
    }
  });

  it('the check can fail: an entity without owner, or with a name over 63 characters, is refused', async () => {
    const [system] = entities(toBackstage(demoOrg()));
    expect(await problemsOf({ ...system!, spec: {} })).toHaveLength(1);
    expect(await problemsOf({ ...system!, metadata: { name: 'x'.repeat(70) } })).toHaveLength(1);
  });
});
