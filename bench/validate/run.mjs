#!/usr/bin/env node
/**
 * bench/validate: `depmap validate` on 1,000 generated manifests (80 libraries and 8
 * services each) against the bare cost of reading and YAML-parsing the same files, timed in
 * the same run. Target: validate <= 2x the baseline.
 *
 *   node bench/validate/run.mjs [--quick] [--repos 1000] [--runs 7] [--profile]
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { generateOrg, writeOrg } from '../lib/generate-org.mjs';
import { profileCommand } from '../lib/profile.mjs';
import { BIN, ROOT, benchArgs, ensureBuilt, int, log, tempDir } from '../lib/setup.mjs';
import { printTable, timeCommands, verdict } from '../lib/timing.mjs';

const TARGET = 2;

const args = benchArgs(
  'usage: node bench/validate/run.mjs [--quick] [--repos <n>] [--libraries <n>] [--services <n>]',
  {
    repos: { type: 'string' },
    libraries: { type: 'string' },
    services: { type: 'string' },
  },
);
ensureBuilt();
const repos = int(args.repos, args.quick ? 200 : 1000);
const runs = int(args.runs, args.quick ? 3 : 7);
const warmup = int(args.warmup, 1);

const dir = tempDir('validate', args.keep);
const orgDir = path.join(dir, 'org');
log(`generating ${repos} manifests in ${orgDir} …`);
const org = generateOrg({
  seed: args.seed,
  components: repos,
  librariesPerComponent: int(args.libraries, 80),
  servicesPerComponent: int(args.services, 8),
});
writeOrg(orgDir, org);
log(`  ${JSON.stringify(org.stats)}`);

const node = process.execPath;
const cases = [
  { name: 'node startup', command: node, args: ['-e', ''], cwd: dir },
  {
    name: 'baseline (read + yaml.parse)',
    command: node,
    args: [path.join(ROOT, 'bench/lib/baseline-read-parse.mjs'), 'org'],
    cwd: dir,
    check: (out) => {
      if (!out.startsWith(`${repos} files`)) throw new Error(`baseline read an unexpected number of files: ${out}`);
    },
  },
  {
    name: 'depmap validate',
    command: node,
    args: [BIN, 'validate', 'org'],
    cwd: dir,
    check: (out) => {
      const summary = out.trim().split('\n').pop();
      log(`  depmap says: ${summary}`);
      if (!summary.startsWith(`${repos} manifests checked: all valid`))
        throw new Error(`unexpected validate result: ${summary}`);
    },
  },
];

log(`timing (${warmup} warm-up, ${runs} runs each, interleaved) …`);
const rows = timeCommands(cases, { runs, warmup });
const baseline = 'baseline (read + yaml.parse)';
printTable(rows, baseline, {
  title: `validate: ${repos} manifests x ${org.options.librariesPerComponent} libraries + ${org.options.servicesPerComponent} services`,
});
const ratio = rows[2].median / rows[1].median;
const pass = verdict('depmap validate vs read + yaml.parse', ratio, TARGET);
// Without node's own start-up in both, the ratio of the work itself.
const startup = rows[0].median;
process.stdout.write(
  `     (minus node start-up in both: ${((rows[2].median - startup) / (rows[1].median - startup)).toFixed(2)}x)\n`,
);
if (rows[2].cpuMedian !== undefined)
  process.stdout.write(`     (cpu time, user+sys: ${(rows[2].cpuMedian / rows[1].cpuMedian).toFixed(2)}x)\n`);

if (args.profile) {
  const profDir = path.join(dir, 'profile');
  mkdirSync(profDir, { recursive: true });
  profileCommand(cases[2], profDir);
}
process.exitCode = pass ? 0 : 1;
