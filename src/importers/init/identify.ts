/**
 * A unit's identity for its depmap.yaml, from what its files already say: the name (the
 * Backstage component's, else the package's, else the folder's), a description, and a
 * guess at its kind. Every guess says that it is one, so `init` can mark it TODO.
 */
import { jsonObject } from '../util/json-with-lines.js';
import { asString, isRecord } from '../util/located.js';
import { basename, inDir } from '../../util/paths.js';
import { tomlTable } from '../util/toml.js';
import { transliterate } from '../../util/transliterate.js';

export interface Identity {
  name: string;
  /** Where the name came from: `package.json`, `folder name`, … */
  nameFrom: string;
  /** The name as written there, when it had to be spelled in ASCII (`ünï` for `uni`). */
  nameOriginal?: string;
  /** Why the name needs a person's look (letters dropped, or a placeholder). */
  nameDoubt?: string;
  kind: string;
  /** Why this kind: empty when a file said so, else what the guess rests on. */
  kindGuess?: string;
  description?: string;
}

const FRONTEND_DEPS =
  /^(react|react-dom|next|vue|nuxt|svelte|@sveltejs\/kit|@angular\/core|solid-js|preact|astro|@remix-run\/react|gatsby|vite)$/;
const SERVER_DEPS = /^(express|fastify|koa|@nestjs\/core|hapi|@hapi\/hapi|apollo-server|@apollo\/server|hono)$/;
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** What a name is written as when nothing usable is left of the original: valid, and plainly a TODO. */
export const NAME_PLACEHOLDER = 'todo-name';

export interface DerivedName {
  name: string;
  /** Set when a person should look at the name: letters were dropped, or nothing usable was left. */
  doubt?: string;
  /** Set when accents were taken off or letters spelled out, to show where the name came from. */
  original?: string;
}

/**
 * A name depmap.yaml accepts: `@acme/web-shop` → `web-shop`, spaces and slashes → `-`,
 * `ünï` → `uni`. Letters that cannot be spelled in ASCII (`服务`) are not silently lost: the
 * name is then a placeholder, or carries a doubt, for `init` to mark TODO.
 */
export function deriveName(raw: string): DerivedName {
  const unscoped =
    raw
      .replace(/^@[^/]+\//, '')
      .split('/')
      .filter(Boolean)
      .pop() ?? raw;
  const ascii = transliterate(unscoped);
  const dropped = [...new Set(ascii.match(/[^\x00-\x7F]/gu) ?? [])].filter((c) => /[\p{L}\p{N}]/u.test(c));
  const cleaned = ascii
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+|[-_.]+$/g, '')
    .slice(0, 120)
    .replace(/[-_.]+$/, '');
  const shown = JSON.stringify(raw);
  if (!NAME_PATTERN.test(cleaned)) {
    return {
      name: NAME_PLACEHOLDER,
      doubt: `nothing of ${shown} can be part of a name (letters A-Z, digits, ".", "_", "-"); choose one`,
    };
  }
  const derived: DerivedName = { name: cleaned };
  if (ascii !== unscoped && dropped.length === 0) derived.original = raw;
  if (dropped.length > 0)
    derived.doubt = `made from ${shown}, without ${dropped.join('')} (a name holds letters A-Z, digits, ".", "_", "-"); check it`;
  else if (cleaned.length === 1 && unscoped.length > 1) derived.doubt = `made from ${shown}; check it`;
  return derived;
}

export function manifestName(raw: string): string {
  return deriveName(raw).name;
}

export function identify(
  dir: string,
  rootName: string,
  paths: ReadonlySet<string>,
  read: (path: string) => string | undefined,
  backstage?: { name: string; kind: string; description?: string },
): Identity {
  const at = (name: string) => inDir(dir, name);
  const pkg = jsonObject(read(at('package.json')));
  const cargo = tomlTable(read(at('Cargo.toml')));
  const cargoPackage = cargo && isRecord(cargo.package) ? cargo.package : undefined;
  const pyproject = tomlTable(read(at('pyproject.toml')));
  const project = pyproject && isRecord(pyproject.project) ? pyproject.project : undefined;
  const poetry =
    pyproject && isRecord(pyproject.tool) && isRecord(pyproject.tool.poetry) ? pyproject.tool.poetry : undefined;
  const composer = jsonObject(read(at('composer.json')));
  const goModule = /^module\s+(\S+)/m.exec(read(at('go.mod')) ?? '')?.[1]?.replace(/\/v\d+$/, '');
  const pom = read(at('pom.xml'));
  const artifactId = pom
    ? /<project[\s\S]*?<artifactId>\s*([^<\s]+)\s*<\/artifactId>/.exec(
        pom.replace(/<parent>[\s\S]*?<\/parent>/, ''),
      )?.[1]
    : undefined;
  const csproj = [...paths].find(
    (p) =>
      p.startsWith(dir === '' ? '' : `${dir}/`) &&
      p.slice(dir === '' ? 0 : dir.length + 1).match(/^[^/]+\.(cs|fs|vb)proj$/),
  );

  const candidates: [string | undefined, string][] = [
    [backstage?.name, 'catalog-info.yaml'],
    [asString(pkg?.name), 'package.json'],
    [asString(cargoPackage?.name), 'Cargo.toml'],
    [asString(project?.name) ?? asString(poetry?.name), 'pyproject.toml'],
    [asString(composer?.name), 'composer.json'],
    [artifactId, 'pom.xml'],
    [goModule, 'go.mod'],
    [csproj ? basename(csproj).replace(/\.(cs|fs|vb)proj$/, '') : undefined, basename(csproj ?? '')],
  ];
  const [rawName, nameFrom] = candidates.find(([value]) => value !== undefined && value.trim() !== '') ?? [
    dir === '' ? rootName : basename(dir),
    'folder name',
  ];
  const derived = deriveName(rawName!);

  const description =
    backstage?.description ??
    asString(pkg?.description) ??
    asString(cargoPackage?.description) ??
    asString(project?.description) ??
    asString(poetry?.description) ??
    asString(composer?.description);

  const identity: Identity = {
    name: derived.name,
    nameFrom,
    ...(derived.original !== undefined ? { nameOriginal: derived.original } : {}),
    ...(derived.doubt !== undefined ? { nameDoubt: derived.doubt } : {}),
    ...guessKind(dir, paths, pkg, cargo),
    ...(description ? { description: description.slice(0, 500) } : {}),
  };
  if (backstage) {
    identity.kind = backstage.kind;
    delete identity.kindGuess;
  }
  return identity;
}

function guessKind(
  dir: string,
  paths: ReadonlySet<string>,
  pkg: Record<string, unknown> | undefined,
  cargo: Record<string, unknown> | undefined,
): { kind: string; kindGuess?: string } {
  const has = (name: string) => paths.has(inDir(dir, name));
  const under = (prefix: string) => [...paths].some((p) => p.startsWith(inDir(dir, prefix)));
  const deployable =
    has('Dockerfile') ||
    has('Procfile') ||
    has('docker-compose.yml') ||
    has('compose.yaml') ||
    has('compose.yml') ||
    has('docker-compose.yaml') ||
    under('k8s/') ||
    under('helm/') ||
    has('app.yaml') ||
    has('fly.toml');
  if (pkg) {
    const deps = Object.keys({
      ...(isRecord(pkg.dependencies) ? pkg.dependencies : {}),
      ...(isRecord(pkg.devDependencies) ? pkg.devDependencies : {}),
    });
    if (pkg.bin !== undefined && !deployable) return { kind: 'cli', kindGuess: 'package.json has "bin"' };
    if (deps.some((d) => FRONTEND_DEPS.test(d)) && !deps.some((d) => SERVER_DEPS.test(d)))
      return { kind: 'frontend', kindGuess: 'front-end framework in package.json' };
    if (!deployable && pkg.private !== true && (pkg.main !== undefined || pkg.exports !== undefined))
      return { kind: 'library', kindGuess: 'published package without a Dockerfile' };
  }
  if (cargo && !deployable && !has('src/main.rs') && cargo.bin === undefined)
    return { kind: 'library', kindGuess: 'crate without a binary' };
  if (has('go.mod') && !deployable && !has('main.go') && !under('cmd/'))
    return { kind: 'library', kindGuess: 'Go module without main.go or cmd/' };
  if (deployable) return { kind: 'service', kindGuess: 'it has a Dockerfile, compose or Kubernetes files' };
  return { kind: 'service', kindGuess: 'nothing says otherwise' };
}
