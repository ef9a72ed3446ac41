/**
 * The one table of ecosystem names: each Package URL type depmap knows, with the other
 * spellings people write for it (`go`, `pip`, `rubygems`…). The manifest's object form, the
 * pin rules and the drift rule all read an ecosystem through it, so an alias is one entry
 * here. It sits at the bottom of the pipeline (no imports) for everyone above to share.
 */

/** Purl type → the other names accepted for it; the order is the one help and hints list. */
const ECOSYSTEMS: Readonly<Record<string, readonly string[]>> = {
  npm: [],
  pypi: ['pip', 'python'],
  maven: ['gradle'],
  golang: ['go'],
  cargo: ['crates', 'rust'],
  gem: ['rubygems'],
  nuget: [],
  docker: [],
  oci: [],
  composer: [],
  github: [],
  githubactions: ['github-actions', 'actions'],
  git: [],
  generic: [],
  hex: [],
  pub: [],
  swift: [],
  cocoapods: [],
  conan: [],
  conda: [],
  cran: [],
  hackage: [],
  deb: [],
  rpm: [],
  apk: [],
  bitbucket: [],
  helm: [],
  terraform: [],
};

const TYPE_OF: ReadonlyMap<string, string> = new Map(
  Object.entries(ECOSYSTEMS).flatMap(([type, aliases]) => [type, ...aliases].map((name) => [name, type] as const)),
);

/** The canonical names (purl types), for suggestions and help. */
export const ECOSYSTEM_TYPES: readonly string[] = Object.keys(ECOSYSTEMS);

/** The purl type for an ecosystem name, or undefined when depmap does not know it. */
export function purlType(ecosystem: string): string | undefined {
  return TYPE_OF.get(ecosystem.toLowerCase());
}

/** The purl type for a known name, else the name lowercased: how two spellings of one ecosystem compare equal. */
export function ecosystemKey(ecosystem: string): string {
  return purlType(ecosystem) ?? ecosystem.toLowerCase();
}
