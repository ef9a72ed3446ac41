/**
 * Reads the repo's files as Kubernetes manifests, each file once: which files are manifests
 * (a document with `apiVersion` and `kind` for a cluster, not a skaffold or kind config),
 * which are templates to render (`{{ … }}`: never read), their resources with every value's
 * line, and the problems of each file. Sets copy these resources, never change them.
 */
import type { FileProblem, RepoFiles, SourceRef } from '../model.js';
import type { ImportProblem } from '../../importers/types.js';
import { asString, lineAtOffset } from '../../importers/util/located.js';
import { parseYamlWithLines } from '../../importers/util/yaml-with-lines.js';
import { isGoTemplate, nameOf, resourcesOf } from '../../importers/kubernetes/resources.js';
import { ValueOrigins } from './value-origins.js';

export interface KubeResource {
  apiVersion: string;
  kind: string;
  name: string;
  value: Record<string, unknown>;
  file: string;
  /** Patches that changed it (a Kustomize patch file, an inline patch's line). */
  alsoDeclared: SourceRef[];
}

export interface ManifestFile {
  path: string;
  resources: KubeResource[];
  problems: FileProblem[];
  /** The line of the first `{{` of a template, which is not read. */
  template?: number;
}

/** Tools' own files that look like manifests: skaffold, kind, k3d, Backstage, Kustomize's own kinds. */
const NOT_CLUSTER_API =
  /^(skaffold\/|kustomize\.config\.k8s\.io\/|kind\.x-k8s\.io\/|k3d\.io\/|backstage\.io\/|kpt\.dev\/)/;
const MANIFEST_EXT = /\.(ya?ml|json)$/i;
const HAS_API_VERSION = /["']?\bapiVersion["']?\s*:/;
const HAS_KIND = /["']?\bkind["']?\s*:/;

export function mayBeManifest(path: string): boolean {
  return MANIFEST_EXT.test(path);
}

function problemsOf(file: string, problems: readonly ImportProblem[]): FileProblem[] {
  return problems.map((p) => ({
    file,
    ...(p.line !== undefined ? { line: p.line } : {}),
    message: p.message,
    ...(p.hint ? { hint: p.hint } : {}),
    severity: p.severity ?? 'error',
  }));
}

/** A YAML file read as data (a kustomization, a patch): its documents, each with its lines recorded. */
export interface DataFile {
  docs: { value: unknown; line: number }[];
  problems: FileProblem[];
  /** The file is not in the repo or cannot be read. */
  missing: boolean;
}

export class ManifestReader {
  private readonly cache = new Map<string, ManifestFile | undefined>();
  private readonly data = new Map<string, DataFile>();

  constructor(
    readonly files: RepoFiles,
    readonly origins: ValueOrigins,
  ) {}

  /** The file as a manifest; undefined when it is not one (or cannot be read). */
  manifest(path: string): ManifestFile | undefined {
    if (!this.cache.has(path)) this.cache.set(path, this.parse(path));
    return this.cache.get(path);
  }

  /** A file a kustomization lists: it must be a manifest, and is a problem when it is not. */
  listed(path: string, by: SourceRef): ManifestFile {
    const found = this.manifest(path);
    if (found) return found;
    const text = this.files.read(path);
    const message =
      text === undefined ? `${path} could not be read` : `${path} holds no Kubernetes resource (apiVersion and kind)`;
    return { path, resources: [], problems: [{ ...by, message, severity: 'error' }] };
  }

  private parse(path: string): ManifestFile | undefined {
    const text = this.files.read(path);
    if (text === undefined || !HAS_API_VERSION.test(text) || !HAS_KIND.test(text)) return undefined;
    if (isGoTemplate(text)) {
      // A CI workflow's `${{ }}` beside an embedded manifest is not a template of one.
      if (!looksLikeManifestText(text)) return undefined;
      return { path, resources: [], problems: [], template: lineAtOffset(text, text.indexOf('{{')) };
    }
    const { docs, problems } = parseYamlWithLines(text, { merge: true });
    const file: ManifestFile = { path, resources: [], problems: problemsOf(path, problems) };
    for (const resource of resourcesOf(docs)) {
      const apiVersion = asString(resource.value.apiVersion);
      const kind = asString(resource.value.kind);
      // Other tools' files (Grafana's `apiVersion: 1`, skaffold, a kubeconfig) are not resources.
      if (!apiVersion || !kind || NOT_CLUSTER_API.test(apiVersion)) continue;
      if (kind === 'Config' && !apiVersion.includes('/')) continue;
      const name = nameOf(resource.value);
      if (!name) {
        file.problems.push({
          file: path,
          line: resource.doc.lineOf(...resource.base),
          message: `a ${kind} without metadata.name is not read`,
          severity: 'warning',
        });
        continue;
      }
      this.origins.record(resource.value, path, resource.doc, resource.base);
      file.resources.push({ apiVersion, kind, name, value: resource.value, file: path, alsoDeclared: [] });
    }
    if (file.resources.length > 0) return file;
    // Another tool's file is not a manifest; a manifest that does not parse still is, with its problems.
    return file.problems.length > 0 && looksLikeManifestText(text) ? file : undefined;
  }

  /** The documents of a YAML file that is not a manifest: a kustomization, a patch. Read once. */
  dataFile(path: string): DataFile {
    const cached = this.data.get(path);
    if (cached) return cached;
    const text = this.files.read(path);
    const file: DataFile = { docs: [], problems: [], missing: text === undefined };
    if (text !== undefined) {
      const { docs, problems } = parseYamlWithLines(text, { merge: true });
      file.problems = problemsOf(path, problems);
      for (const doc of docs) {
        this.origins.record(doc.value, path, doc, []);
        file.docs.push({ value: doc.value, line: doc.lineOf() ?? 1 });
      }
    }
    this.data.set(path, file);
    return file;
  }

  /** An inline patch of a kustomization (`patch: |-`), read once; its values are placed at the patch's line. */
  inlineData(text: string, at: SourceRef): DataFile {
    const key = `${at.file}\u0000${at.line ?? ''}\u0000${text}`;
    const cached = this.data.get(key);
    if (cached) return cached;
    const { docs, problems } = parseYamlWithLines(text, { merge: true });
    const file: DataFile = {
      docs: docs.map((doc) => {
        this.origins.stamp(doc.value, at);
        return { value: doc.value, line: at.line ?? 1 };
      }),
      problems: problems.map((p) => ({ ...at, message: `inline patch: ${p.message}`, severity: 'error' as const })),
      missing: false,
    };
    this.data.set(key, file);
    return file;
  }

  /** Copies of the file's resources that a set may change. */
  copies(file: ManifestFile): KubeResource[] {
    return file.resources.map((r) => ({ ...r, value: this.origins.clone(r.value), alsoDeclared: [...r.alsoDeclared] }));
  }
}

/** Top-level `apiVersion:` and `kind:` lines: what a manifest that failed to parse still shows. */
function looksLikeManifestText(text: string): boolean {
  return /^apiVersion:\s*\S/m.test(text) && /^kind:\s*\S/m.test(text);
}
