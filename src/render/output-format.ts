/**
 * The one shape of every output depmap writes (diagrams, CI reports, diffs, timelines,
 * exports): a format has a name, a file extension and a pure render function, and may
 * declare async steps that turn the rendered text into the file's bytes (SVG: Mermaid drawn
 * by a browser). Each family is a registry of these, so --format choices, help, did-you-mean,
 * the extensions an --out file may end in and the commands' code all come from one list, and
 * adding a format is one entry, never a branch in a command.
 */
import path from 'node:path';
import { UsageError } from '../errors.js';
import { didYouMean } from '../util/suggest.js';

/** A rendered text and the name it is written under (a diagram's name, or the family's). */
export interface NamedText {
  name: string;
  text: string;
}

/**
 * Work after the pure render, done for all the texts of a run at once (one browser for
 * every diagram). The heavy code it needs is imported when it runs, not when it is listed.
 */
export type OutputStep = (
  texts: readonly NamedText[],
  env: NodeJS.ProcessEnv,
  hooks?: StepHooks,
) => Promise<NamedText[]>;

/** What a step reports while it works (SVG: each diagram drawn), for a progress bar. */
export interface StepHooks {
  onProgress?: (done: number, total: number, name: string) => void;
}

export interface OutputFormat<In, Options> {
  /** The name `--format` takes. */
  readonly format: string;
  /** Extension of its file, without the dot: default file names, and what an --out path ending in it asks for. */
  readonly extension: string;
  /** More extensions that ask for it in an --out path (`markdown` beside `md`). */
  readonly aliases?: readonly string[];
  /** For help: one line, or a few already wrapped. */
  readonly description: string;
  readonly render: (input: In, options: Options) => string;
  /**
   * The same text as `render`, in pieces, for outputs too large to hold as one string (a long
   * history's JSON): written piece by piece when the format has no steps.
   */
  readonly chunks?: (input: In, options: Options) => Iterable<string>;
  /** Run in order on the rendered texts before they are written. */
  readonly steps?: readonly OutputStep[];
}

// `never` accepts every family's render function (its parameters are contravariant).
type AnyFormat = OutputFormat<never, never>;

export interface OutputRegistry<F extends AnyFormat> {
  /** Every format, in the order help and hints list them. */
  list(): readonly F[];
  names(): string[];
  find(name: string): F | undefined;
  /** The format, or a usage error that suggests the closest name. */
  get(name: string): F;
  /** `unknown format "sarf"; did you mean "sarif"?` */
  unknown(name: string): string;
  /** Every extension an --out path may end in, dots included, in list order. */
  extensions(): string[];
  /** The one format an --out path's extension asks for; undefined when none or several do. */
  forPath(file: string): F | undefined;
  /**
   * `--format` when given; else the format the --out file's extension asks for; else
   * `fallback`. An extension that asks for no format is refused rather than filled with another.
   */
  choose(format: string | undefined, out: string | undefined, fallback: string): F;
}

const extensionsOf = (format: AnyFormat) => [format.extension, ...(format.aliases ?? [])].map((e) => `.${e}`);

export function outputRegistry<F extends AnyFormat>(formats: readonly F[]): OutputRegistry<F> {
  const names = formats.map((f) => f.format);
  if (new Set(names).size !== names.length) throw new Error(`two output formats share a name: ${names.join(', ')}`);
  const byExtension = new Map<string, F[]>();
  for (const format of formats) {
    for (const ext of extensionsOf(format)) byExtension.set(ext, [...(byExtension.get(ext) ?? []), format]);
  }
  const registry: OutputRegistry<F> = {
    list: () => formats,
    names: () => [...names],
    find: (name) => formats.find((f) => f.format === name),
    get(name) {
      const found = registry.find(name);
      if (found) return found;
      throw new UsageError(registry.unknown(name), { hint: `one of ${names.join(', ')}` });
    },
    unknown: (name) => `unknown format "${name}"${didYouMean(name, names)}`,
    extensions: () => [...byExtension.keys()],
    forPath(file) {
      const found = byExtension.get(path.extname(file).toLowerCase());
      return found?.length === 1 ? found[0] : undefined;
    },
    choose(format, out, fallback) {
      if (format !== undefined) return registry.get(format);
      if (!out || out === '-' || path.extname(out) === '') return registry.get(fallback);
      const found = registry.forPath(out);
      if (found) return found;
      throw new UsageError(`cannot tell the format from the extension of ${out}`, {
        hint: `give --format ${names.join('|')}, or an --out file ending in ${registry.extensions().join(', ')}`,
      });
    },
  };
  return registry;
}

/** The steps of `format` run over `texts`; the texts as they are when it has none. */
export async function runSteps(
  format: AnyFormat,
  texts: readonly NamedText[],
  env: NodeJS.ProcessEnv,
  hooks: StepHooks = {},
): Promise<NamedText[]> {
  let done = [...texts];
  for (const step of format.steps ?? []) done = await step(done, env, hooks);
  return done;
}

/** One output, named `name`: rendered, then through the format's steps. */
export async function renderOutput<In, Options>(
  format: OutputFormat<In, Options>,
  name: string,
  input: In,
  options: Options,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const [done] = await runSteps(format, [{ name, text: format.render(input, options) }], env);
  return done?.text ?? '';
}

/** `.md, .json, .mmd or .svg`: the extensions of a family, one per format, for help. */
export function extensionsInWords(registry: OutputRegistry<AnyFormat>): string {
  const exts = registry.list().map((f) => `.${f.extension}`);
  return exts.length <= 1 ? exts.join('') : `${exts.slice(0, -1).join(', ')} or ${exts.at(-1)}`;
}

/** The `Formats:` block of a command's help: each name, then its description. */
export function formatsHelp(registry: OutputRegistry<AnyFormat>): string {
  const width = Math.max(...registry.names().map((n) => n.length)) + 1;
  const lines = registry
    .list()
    .map((f) => `  ${f.format.padEnd(width)}  ${f.description.split('\n').join(`\n  ${' '.repeat(width)}  `)}`);
  return `Formats:\n${lines.join('\n')}`;
}
