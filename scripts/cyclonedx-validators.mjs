/**
 * The CycloneDX schema validators of the shipped bundle (see src/importers/cyclonedx/bom-validator.ts).
 *
 * Run from source, bom-validator.ts compiles the official 1.5 and 1.6 schemas with ajv on first
 * use: ~250 ms a schema, in every process (and every scan worker) that reads a BOM, and ajv
 * compiles with `new Function`. Here, at build time, the same module compiles them once, ajv
 * turns each into standalone code, and esbuild makes that one self-contained CommonJS file per
 * version (dist/cyclonedx-bom-1.6.cjs: the ajv runtime helpers and ajv-formats' checks inlined).
 * The bundle swaps bom-validator.ts for a stub that loads the file of a version the first time a
 * BOM of that version is read (~12 ms), so no other command pays for it.
 *
 * Measured on this machine (ajv 8.20, schemas of @cyclonedx/cyclonedx-library 10.3): the files
 * are 555 kB (1.5) and 789 kB (1.6) minified, 127 kB gzipped for 1.6; bundling ajv with the
 * schemas instead would be ~505 kB but cost the compile in every run.
 */
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const SOURCE = 'src/importers/cyclonedx/bom-validator.ts';
const fileOf = (version) => `cyclonedx-bom-${version}.cjs`;

/**
 * Each validator as `{ version, file, code, packages }`: `code` a self-contained CommonJS module
 * whose export is the validate function, `packages` the node_modules packages it carries.
 */
export async function bomValidatorFiles(root) {
  // bom-validator.ts itself compiles the schemas, so the build and the source tree agree on
  // every ajv option. Bundled to a temp module under node_modules, where its imports resolve.
  const cache = path.join(root, 'node_modules/.cache/depmap-build');
  mkdirSync(cache, { recursive: true });
  const temp = path.join(cache, `bom-validator-${process.pid}.mjs`);
  const compiled = await build({
    absWorkingDir: root,
    entryPoints: [SOURCE],
    bundle: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'warning',
  });
  writeFileSync(temp, compiled.outputFiles[0].text);
  let module;
  try {
    module = await import(pathToFileURL(temp).href);
  } finally {
    rmSync(temp, { force: true });
  }
  const standaloneCode = createRequire(path.join(root, 'package.json'))('ajv/dist/standalone').default;
  const files = [];
  for (const version of module.BOM_VERSIONS) {
    const { ajv, validate } = module.compileBomSchema(version);
    const bundled = await build({
      absWorkingDir: root,
      stdin: { contents: standaloneCode(ajv, validate), resolveDir: root, sourcefile: fileOf(version), loader: 'js' },
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20.19',
      minify: true,
      legalComments: 'none',
      write: false,
      metafile: true,
      logLevel: 'warning',
    });
    const packages = new Set();
    for (const input of Object.keys(bundled.metafile.inputs)) {
      const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (match) packages.add(match[1]);
    }
    // The generated code holds the schema's own text (enums, patterns, messages): its licence goes with it.
    packages.add('@cyclonedx/cyclonedx-library');
    files.push({ version, file: fileOf(version), code: bundled.outputFiles[0].text, packages: [...packages] });
  }
  return files;
}

/** The esbuild plugin that puts the stub in bom-validator.ts's place: it loads the generated files from beside the bundle. */
export function bomValidatorStub(root, versions) {
  const source = path.join(root, SOURCE);
  const files = Object.fromEntries(versions.map((v) => [v, `./${fileOf(v)}`]));
  return {
    name: 'cyclonedx-standalone-validators',
    setup(b) {
      b.onLoad({ filter: /bom-validator\.ts$/ }, (args) =>
        args.path === source
          ? {
              loader: 'js',
              contents: [
                "import { createRequire } from 'node:module';",
                'const load = createRequire(import.meta.url);',
                `const FILES = ${JSON.stringify(files)};`,
                `export const BOM_VERSIONS = ${JSON.stringify(versions)};`,
                'const loaded = new Map();',
                'export function bomValidator(version) {',
                '  let validate = loaded.get(version);',
                '  if (!validate) {',
                '    validate = load(FILES[version]);',
                '    loaded.set(version, validate);',
                '  }',
                '  return validate;',
                '}',
                "export function compileBomSchema() { throw new Error('the bundle has no schema compiler'); }",
              ].join('\n'),
            }
          : undefined,
      );
    },
  };
}
