/**
 * Which folder of the repo holds each workload's source: where its libraries, its Dockerfile
 * and its application config come from. A repo of many services maps each service's
 * libraries to that service, never one bag for the repo. In order of how sure it is:
 *
 * 1. the build context the deployment names (compose `build:`), or its Dockerfile's folder;
 * 2. the folder named like the workload's image (`acme/carts:1.2` ← `src/carts/`), or whose
 *    package is named so (a pom's artifactId, a package.json name);
 * 3. the folder named like the workload itself, whole or as the end of its name
 *    (`customers-service` ← `spring-petclinic-customers-service/`).
 *
 * Only a single best folder counts: two equally good ones leave the workload without source
 * rather than guess. A folder counts as a source folder when it holds a package or build file.
 */
import { isLibrarySourceName } from '../importers/library-sources.js';
import { parseImageReference } from '../manifest/image-reference.js';
import type { RepoFiles, Workload } from './model.js';

export interface SourceMatch {
  /** Repo-relative folder, `''` for the root. */
  dir: string;
  how: 'build-context' | 'dockerfile' | 'image-name' | 'package-name' | 'workload-name';
}

/** Files that make a folder a source folder beside the importers' library files. */
const BUILD_FILES =
  /^(Dockerfile|Containerfile|pyproject\.toml|setup\.py|build\.gradle(\.kts)?|pom\.xml|package\.json|go\.mod|Cargo\.toml)$/;

const dirOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
const baseOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const squash = (name: string) => name.toLowerCase().replace(/[-_.]/g, '');

/** Source folders of the repo: every folder holding a package, lock or build file. */
export function sourceFolders(files: RepoFiles): string[] {
  const dirs = new Set<string>();
  for (const path of files.paths) {
    const name = baseOf(path);
    if (BUILD_FILES.test(name) || isLibrarySourceName(name)) dirs.add(dirOf(path));
  }
  return [...dirs].sort();
}

/** The package name a folder declares (package.json `name`, pom `artifactId`), when cheap to read. */
function packageName(dir: string, files: RepoFiles): string | undefined {
  const at = (name: string) => (dir === '' ? name : `${dir}/${name}`);
  const pkg = files.read(at('package.json'));
  if (pkg) {
    const name = /"name"\s*:\s*"([^"]+)"/.exec(pkg)?.[1];
    if (name) return name.replace(/^@[^/]+\//, '');
  }
  const pom = files.read(at('pom.xml'));
  if (pom) {
    // The project's own artifactId: the first one outside <parent> and comments.
    const body = pom.replace(/<!--[\s\S]*?-->/g, '').replace(/<parent>[\s\S]*?<\/parent>/, '');
    const name = /<artifactId>\s*([^<\s]+)\s*<\/artifactId>/.exec(body)?.[1];
    if (name) return name;
  }
  return undefined;
}

function unique(dirs: string[]): string | undefined {
  const set = [...new Set(dirs)];
  return set.length === 1 ? set[0] : undefined;
}

export function attributeSources(workloads: Iterable<Workload>, files: RepoFiles): Map<string, SourceMatch> {
  const folders = sourceFolders(files);
  const present = new Set(files.paths);
  const matches = new Map<string, SourceMatch>();
  const names = new Map(folders.map((dir) => [dir, packageName(dir, files)]));
  for (const w of workloads) {
    if (w.build) {
      const context = w.build.context.replace(/\/+$/, '');
      const dockerfileDir = w.build.dockerfile ? dirOf(w.build.dockerfile) : undefined;
      if (folders.includes(context) || dockerfileDir === undefined) {
        matches.set(w.name, { dir: context, how: 'build-context' });
        continue;
      }
      if (present.has(w.build.dockerfile as string)) {
        matches.set(w.name, { dir: dockerfileDir, how: 'dockerfile' });
        continue;
      }
    }
    const image = w.image?.ref ?? w.image?.written;
    const imageName = image && !image.includes('$') ? baseOf(parseImageReference(image).repository) : undefined;
    if (imageName) {
      const byFolder = unique(folders.filter((d) => d !== '' && squash(baseOf(d)) === squash(imageName)));
      if (byFolder !== undefined) {
        matches.set(w.name, { dir: byFolder, how: 'image-name' });
        continue;
      }
      const byPackage = unique(
        folders.filter((d) => names.get(d) && squash(names.get(d) as string) === squash(imageName)),
      );
      if (byPackage !== undefined) {
        matches.set(w.name, { dir: byPackage, how: 'package-name' });
        continue;
      }
    }
    const own = squash(w.name);
    const exact = unique(folders.filter((d) => d !== '' && squash(baseOf(d)) === own));
    const ending = unique(
      folders.filter((d) => d !== '' && baseOf(d).toLowerCase().endsWith(`-${w.name.toLowerCase()}`)),
    );
    const byName = exact ?? ending;
    if (byName !== undefined) matches.set(w.name, { dir: byName, how: 'workload-name' });
  }
  return matches;
}
