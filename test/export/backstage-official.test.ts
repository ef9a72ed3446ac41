/**
 * The exported entities checked by Backstage's own validators (@backstage/catalog-model, a
 * dev dependency requested in .requests/importers.md): the entity envelope and field formats
 * policies, then the v1alpha1 schema of each kind. Runs when the package is installed; the
 * restated rules in backstage.test.ts run always.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { toBackstage } from '../../src/export/backstage.js';
import { demoOrg } from './snapshot.js';

const require = createRequire(import.meta.url);
let installed = true;
try {
  require.resolve('@backstage/catalog-model');
} catch {
  installed = false;
}

describe.skipIf(!installed)('Backstage export, official validators', () => {
  it('every entity passes the catalog policies and its kind’s schema', async () => {
    const name = '@backstage/catalog-model';
    const model = (await import(/* @vite-ignore */ name)) as Record<string, any>;
    const policy = model.EntityPolicies.allOf([
      new model.DefaultNamespaceEntityPolicy(),
      new model.NoForeignRootFieldsEntityPolicy(),
      new model.FieldFormatEntityPolicy(),
      new model.SchemaValidEntityPolicy(),
    ]);
    const validators: Record<string, { check(entity: unknown): Promise<boolean> }> = {
      Component: model.componentEntityV1alpha1Validator,
      API: model.apiEntityV1alpha1Validator,
      Resource: model.resourceEntityV1alpha1Validator,
      System: model.systemEntityV1alpha1Validator,
    };
    const docs = parseAllDocuments(toBackstage(demoOrg()));
    if (!Array.isArray(docs)) throw new Error('no documents');
    for (const doc of docs) {
      const entity = doc.toJS() as { kind: string; metadata: { name: string } };
      await expect(policy.enforce(structuredClone(entity)), `${entity.kind} ${entity.metadata.name}`).resolves.toBeDefined();
      await expect(validators[entity.kind]!.check(entity), `${entity.kind} ${entity.metadata.name}`).resolves.toBe(true);
    }
  });
});
