import { it } from 'vitest';
import { discoverRepoModel } from '../../src/discovery/discover-repo.js';
import { repoFilesOf } from './repo-files.js';
it('dbg', () => {
  const m = discoverRepoModel(repoFilesOf(process.env.CASE as string));
  for (const [n, w] of m.workloads) console.log(n, JSON.stringify(m.classes.get(n)), w.image?.ref ?? w.image?.written, 'src=' + JSON.stringify(m.sources.get(n)), w.settings.filter(s => /ADDR|URI|URL|HOST/.test(s.key)).map(s => `${s.via}:${s.key}=${s.value}`).join(' | '));
  console.log(m.calls.map(c => `${c.from}->${c.to}`).join(' '));
  console.log(m.left.map(l => l.set.id + ' ' + l.why).join('\n'));
});
