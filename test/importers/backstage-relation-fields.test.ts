/**
 * The importer's table of relation fields (their default kinds, src/importers/backstage/entity-ref.ts)
 * checked against @backstage/catalog-model's own compiled model, so that a Backstage upgrade
 * that adds a relation field or changes a default fails here instead of drifting.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { NAMED_SPEC } from '../../src/importers/backstage/catalog-fields.js';
import { DEFAULT_KIND } from '../../src/importers/backstage/entity-ref.js';

interface RelationField {
  path?: string;
  selector?: { path: string };
  relation: string;
  defaultKind?: string;
  defaultNamespace?: string;
}

// The package's alpha ESM build imports 'lodash/uniqBy' without an extension, which Node 20 refuses: its CJS build.
const alpha = createRequire(import.meta.url)('@backstage/catalog-model/alpha') as {
  compileCatalogModel(models: unknown[]): {
    getKind(entity: {
      kind: string;
      apiVersion: string;
      spec: Record<string, unknown>;
    }): { relationFields?: RelationField[] } | undefined;
  };
  defaultCatalogEntityModel: unknown;
  aiResourceEntityModel: unknown;
  mcpServerApiEntityModel: unknown;
};

/** Fields the importer reads into depmap fields (owner, system, provides, calls); the rest are properties. */
const READ = new Set(['owner', 'system', 'providesApis', 'consumesApis', 'dependsOn', 'dependencyOf']);

describe("Backstage relation fields, as @backstage/catalog-model's compiled model declares them", () => {
  const model = alpha.compileCatalogModel([
    alpha.defaultCatalogEntityModel,
    alpha.aiResourceEntityModel,
    alpha.mcpServerApiEntityModel,
  ]);
  const rows = ['Component', 'API', 'Resource', 'System', 'Domain', 'Group', 'User', 'AiResource'].flatMap((kind) =>
    (model.getKind({ kind, apiVersion: 'backstage.io/v1alpha1', spec: {} })?.relationFields ?? []).map((field) => ({
      kind,
      field: (field.path ?? field.selector?.path ?? '').replace(/^spec\./, ''),
      defaultKind: field.defaultKind?.toLowerCase(),
      defaultNamespace: field.defaultNamespace,
    })),
  );

  it('the model has the fields the spike listed', () => {
    expect(rows.length).toBe(23);
  });

  it('every field has the default kind depmap resolves it with, in the referring entity’s namespace', () => {
    for (const row of rows) {
      expect({ ...row, defaultKind: (DEFAULT_KIND as Record<string, string>)[row.field] }).toEqual(row);
      expect(row.defaultNamespace).toBe('inherit');
    }
  });

  it('every field is read: into a depmap field or a backstage:* property', () => {
    const named = new Set(NAMED_SPEC.map(([field]) => field));
    expect(rows.filter((row) => !READ.has(row.field) && !named.has(row.field))).toEqual([]);
  });
});
