/**
 * The official CycloneDX 1.6 JSON schema, as @cyclonedx/cyclonedx-library bundles it, compiled
 * the way the CycloneDX importer compiles it (src/importers/cyclonedx/bom-validator.ts), so the
 * export is held to the very check its BOMs meet on the way back in.
 */
import { compileBomSchema } from '../../src/importers/cyclonedx/bom-validator.js';

export function cycloneDx16Validator() {
  return compileBomSchema('1.6').validate;
}
