#!/usr/bin/env node
/**
 * bench/validate: `depmap validate` on 1,000 generated manifests (80 libraries and 8
 * services each) against the bare cost of reading and YAML-parsing the same files, timed in
 * the same run. Target: validate <= 2x the baseline. Beside it, the same run of validate with
 * the fast manifest reader off (DEPMAP_FAST_YAML=0) and, with `--before <dir>`, an older
 * build's, and each against reading + js-yaml (bench/lib/baseline-read-parse.mjs --parser js-yaml).
 *
 *   node bench/validate/run.mjs [--quick] [--repos 1000] [--runs 7] [--profile] [--before <dir>]
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAfterCases, printVersus } from '../lib/before-after.mjs';
import { generateOrg, writeOrg } from '../lib/generate-org.mjs';
import { profileCommand } from '../lib/profile.mjs';
import { BIN, ROOT, benchArgs, ensureBuilt, int, log, tempDir } from '../lib/setup.mjs';
import { printTable, timeCommands } from '../lib/timing.mjs';

const TARGET = 2;

const args = benchArgs(
  'usage: node bench/validate/run.mjs [--quick] [--repos <n>] [--libraries <n>] [--services <n>] [--before <dir>]',
  {
    before: { type: 'string' },
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
const baseline = 'baseline (read + yaml.parse)';
const fastest = 'baseline (read + js-yaml)';
const readsAll = (out) => {
  if (!out.startsWith(`${repos} files`)) throw new Error(`baseline read an unexpected number of files: ${out}`);
};
const validate = {
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
};
const validates = beforeAfterCases(validate, args.before);
const cases = [
  { name: 'node startup', command: node, args: ['-e', ''], cwd: dir },
  {
    name: baseline,
    command: node,
    args: [path.join(ROOT, 'bench/lib/baseline-read-parse.mjs'), 'org'],
    cwd: dir,
    check: readsAll,
  },
  {
    name: fastest,
    command: node,
    args: [path.join(ROOT, 'bench/lib/baseline-read-parse.mjs'), '--parser', 'js-yaml', 'org'],
    cwd: dir,
    check: readsAll,
  },
  ...validates,
];

log(`timing (${warmup} warm-up, ${runs} runs each, interleaved) …`);
const rows = timeCommands(cases, { runs, warmup });
printTable(rows, baseline, {
  title: `validate: ${repos} manifests x ${org.options.librariesPerComponent} libraries + ${org.options.servicesPerComponent} services`,
});
const pass = printVersus(
  rows,
  validates.map((c) => c.name),
  [{ baseline, target: TARGET }],
  validate.name,
);
// Without node's own start-up in both, the ratio of the work itself.
const startup = rows[0].median;
const row = rows.find((r) => r.name === validate.name);
process.stdout.write(
  `     (minus node start-up in both: ${((row.median - startup) / (rows[1].median - startup)).toFixed(2)}x; ` +
    `vs read + js-yaml: ${(row.median / rows[2].median).toFixed(2)}x wall, ${((row.cpuMedian ?? NaN) / (rows[2].cpuMedian ?? NaN)).toFixed(2)}x cpu)\n`,
);

if (args.profile) {
  const profDir = path.join(dir, 'profile');
  mkdirSync(profDir, { recursive: true });
  profileCommand(validate, profDir);
}
process.exitCode = pass ? 0 : 1;
