/**
 * The repo's paths as folders and files, for the questions manifests and kustomizations ask:
 * is this a file or a folder, what files does a folder hold, which folder has a kustomization,
 * which folder is a Helm chart. Built once from the listing, no reads.
 */
import type { RepoFiles } from '../model.js';
import { ancestors, basename, dirname, inDir } from '../../util/paths.js';

/** The names `kustomize build` looks for in a folder, in its order. */
const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const CHART_NAMES = ['Chart.yaml', 'Chart.yml'];

export class RepoIndex {
  private readonly files: ReadonlySet<string>;
  private readonly byDir = new Map<string, string[]>();
  private readonly dirs = new Set<string>(['']);
  private readonly chartSet: ReadonlySet<string>;
  /** Folders holding a Chart.yaml that no other chart holds: a chart's subcharts are the chart's. */
  readonly charts: string[];

  constructor(repo: RepoFiles) {
    this.files = new Set(repo.paths);
    for (const path of repo.paths) {
      const dir = dirname(path);
      const list = this.byDir.get(dir);
      if (list) list.push(path);
      else this.byDir.set(dir, [path]);
      for (const ancestor of ancestors(dir)) {
        if (this.dirs.has(ancestor)) break;
        this.dirs.add(ancestor);
      }
    }
    this.chartSet = new Set(repo.paths.filter((p) => CHART_NAMES.includes(basename(p))).map(dirname));
    this.charts = [...this.chartSet].filter((dir) => this.chartOf(inDir(dir, CHART_NAMES[0]!)) === dir).sort();
  }

  isFile(path: string): boolean {
    return this.files.has(path);
  }

  isDir(path: string): boolean {
    return this.dirs.has(path);
  }

  /** The files directly in `dir`, sorted. */
  filesIn(dir: string): readonly string[] {
    return this.byDir.get(dir) ?? [];
  }

  kustomizationIn(dir: string): string | undefined {
    return KUSTOMIZATION_NAMES.map((name) => inDir(dir, name)).find((path) => this.files.has(path));
  }

  isKustomization(path: string): boolean {
    return KUSTOMIZATION_NAMES.includes(basename(path));
  }

  /** The chart folder `path` is part of (its templates, values, subcharts), if any. */
  chartOf(path: string): string | undefined {
    return ancestors(dirname(path))
      .reverse()
      .find((dir) => this.chartSet.has(dir));
  }

  chartFile(dir: string): string {
    return (
      CHART_NAMES.map((name) => inDir(dir, name)).find((path) => this.files.has(path)) ?? inDir(dir, CHART_NAMES[0]!)
    );
  }
}
