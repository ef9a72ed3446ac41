/**
 * `depmap doctor`: what this machine gives depmap, feature by feature. The core (validate,
 * scan, check, the graph questions, docs as Markdown and Mermaid) needs only Node; history
 * needs git; SVG needs the optional packages and a Chrome or Chromium. Says what is missing
 * and the command that installs it.
 */
import { execFileSync } from 'node:child_process';
import { Option, type Command } from 'commander';
import { VERSION } from '../../version.js';
import type { CliContext } from '../context.js';

interface Check {
  what: string;
  found?: string;
  for: string;
  fix?: string;
}

const MIN_NODE = [20, 19] as const;

function gitVersion(env: NodeJS.ProcessEnv): string | undefined {
  try {
    return execFileSync('git', ['--version'], {
      env: { PATH: env.PATH ?? '' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000,
    })
      .trim()
      .replace(/^git version /, '');
  } catch {
    return undefined;
  }
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('doctor')
    .description('say what this machine gives depmap: Node, git, the optional SVG packages, a browser')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      `
Exit codes: 0 the core works (Node ${MIN_NODE.join('.')} or newer), 1 it does not. Missing optional
pieces are listed with what they are for and how to install them; they do not fail.

Examples:
  $ depmap doctor
  $ depmap doctor --format json`,
    )
    .action(async (options: { format: string }) => {
      const [{ findBrowser, INSTALL_HINT }, { packageVersion, SVG_PACKAGES, SVG_INSTALL }] = await Promise.all([
        import('../../render/find-browser.js'),
        import('../../render/svg-stack.js'),
      ]);
      const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
      const nodeOk = major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
      const checks: Check[] = [
        {
          what: 'Node',
          found: nodeOk ? process.versions.node : undefined,
          for: 'everything',
          fix: `install Node ${MIN_NODE.join('.')} or newer (found ${process.versions.node})`,
        },
      ];
      const git = gitVersion(ctx.env);
      checks.push({
        what: 'git',
        found: git,
        for: 'diff, timeline, check --base, git URLs, docs timeline',
        fix: 'install git and put it on PATH',
      });
      for (const name of SVG_PACKAGES)
        checks.push({
          what: name,
          found: packageVersion(name),
          for: 'SVG (render, docs, diff, timeline)',
          fix: SVG_INSTALL,
        });
      const named = ctx.env.PUPPETEER_EXECUTABLE_PATH;
      checks.push({
        what: 'Chrome or Chromium',
        found: findBrowser(ctx.env),
        for: 'SVG (render, docs, diff, timeline)',
        fix: named
          ? `PUPPETEER_EXECUTABLE_PATH names ${named}, which is not an executable browser: fix or unset it`
          : INSTALL_HINT,
      });
      if (options.format === 'json') {
        ctx.stdout.write(
          `${JSON.stringify({ depmap: VERSION, checks: checks.map((c) => ({ what: c.what, found: c.found ?? null, for: c.for, ...(c.found ? {} : { fix: c.fix }) })) }, null, 2)}\n`,
        );
      } else {
        const out = [`depmap ${VERSION}`];
        const what = Math.max(...checks.map((c) => c.what.length));
        const found = Math.max(...checks.map((c) => (c.found ?? '-').length));
        for (const c of checks) {
          out.push(
            `  ${c.found ? 'ok     ' : 'missing'}  ${c.what.padEnd(what)}  ${(c.found ?? '-').padEnd(found)}  for ${c.for}`,
          );
          if (!c.found) out.push(`           fix: ${c.fix}`);
        }
        ctx.stdout.write(`${out.join('\n')}\n`);
      }
      ctx.exitCode = nodeOk ? 0 : 1;
    });
}
