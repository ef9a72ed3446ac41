/**
 * The lockfile names the registry declares (LOCKFILE_NAMES of library-sources.ts), written out
 * for `depmap check`: the drift rule needs only the names, and reading them from the registry
 * would load every importer and its parsers (XML, TOML) on every check. The registry stays the
 * one source: test/importers/lockfile-names.test.ts fails when this list drifts from it, and
 * prints the list to paste.
 */
export const LOCKFILE_NAMES: readonly string[] = [
  'package-lock.json',
  'npm-shrinkwrap.json',
  'pnpm-lock.yaml',
  'yarn.lock',
  'poetry.lock',
  'uv.lock',
  'Pipfile.lock',
  'Cargo.lock',
  'Gemfile.lock',
  'composer.lock',
  'go.mod',
  'Gopkg.lock',
  'glide.lock',
  'vendor/manifest',
];
