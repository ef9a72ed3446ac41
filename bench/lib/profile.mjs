/** Runs a node command once under --cpu-prof and prints where its time went. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runOnce } from './timing.mjs';
import { formatSummary, summarizeProfile } from './summarize-profile.mjs';

/** `c` is a timing case whose command is node; `dir` receives the .cpuprofile. */
export function profileCommand(c, dir, { top = 25, out = process.stdout } = {}) {
  const args = ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '200', ...c.args];
  runOnce({ ...c, args });
  const file = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort()
    .pop();
  if (!file) throw new Error(`no .cpuprofile written in ${dir}`);
  out.write(`\nprofile of ${c.name} (${path.join(dir, file)}):\n`);
  out.write(formatSummary(summarizeProfile(JSON.parse(readFileSync(path.join(dir, file), 'utf8'))), top));
}
