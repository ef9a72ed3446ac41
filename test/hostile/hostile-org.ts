/** The hostile organisation and history of the injection rows (see injection.test.ts). */
import path from 'node:path';
import { writeTree } from '../helpers/fs.js';
import { commit, initRepo } from '../helpers/git.js';
import { HOSTILE, hostile } from './corpus.js';

/** A YAML double-quoted scalar: every character YAML cannot hold raw is a \\u escape. */
const q = (s: string) =>
  JSON.stringify(s).replace(
    /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
const short = HOSTILE.filter((s) => s.length <= 100);

export function evilManifest(version = 1): string {
  const lines = [
    'depmap: 1',
    'name: evil',
    'kind: service',
    'system: shop',
    `owner: ${q(hostile(7))}`,
    `description: ${q(HOSTILE.join(' | ').slice(0, 2000))}`,
    `tags: [${short.map(q).join(', ')}]`,
    'links:',
    ...short
      .slice(0, 6)
      .map((s, i) => `  - { title: ${q(s)}, url: ${q(`https://evil.example/${i}/"><script>INJECTED</script>`)} }`),
    'provides:',
    `  - { api: evil-api, protocol: http, version: ${q(hostile(2))}, description: ${q(hostile(3))} }`,
    'libraries:',
    `  - { ecosystem: npm, name: ${q('<script>INJECTED</script>')}, version: ${q(`^1.0.${version} %%{init}%% INJECTED`)} }`,
    `  - { ecosystem: generic, name: ${q(hostile(0).slice(0, 400))}, version: "1.0.0" }`,
    ...HOSTILE.map((s, i) => `  - { ecosystem: npm, name: lib${i}, version: ${q(s.slice(0, 200))} }`),
    `  - pkg:npm/shared@1.0.${version}`,
    'services:',
    `  - { name: good, api: good-api, protocol: http, version: ${q(hostile(4))}, description: ${q(hostile(5))} }`,
    `  - { name: evil-db, kind: database, protocol: sql, image: ${q(`postgres:16.3 ${hostile(0)}`.slice(0, 500))}, description: ${q(hostile(6))} }`,
    `  - { name: evil-ext, kind: external, protocol: http, url: ${q('https://evil.example/"><script>INJECTED</script>')}, version: ${q(hostile(10))} }`,
    `  - { name: missing-svc, protocol: http, api: ${version === 1 ? 'nope' : 'nope2'}, version: ${q(hostile(11))} }`,
  ];
  return `${lines.join('\n')}\n`;
}

export const GOOD =
  'depmap: 1\nname: good\nkind: service\nsystem: shop\nprovides:\n  - { api: good-api, protocol: http, version: 1.0.0 }\nlibraries:\n  - pkg:npm/shared@2.0.0\nservices:\n  - { name: evil, api: evil-api, protocol: http, version: 1.0.0 }\n';
const ODD_FOLDERS = ['x\n::error::INJECTED folder', '"] --> INJECTED["', '\u001b[31mINJECTED'];

/** `org/` with the hostile repo, a good one, and repos in folders with hostile names. */
export function hostileOrg(dir: string): string {
  const org = path.join(dir, 'org');
  writeTree(path.join(org, 'evil'), { 'depmap.yaml': evilManifest() });
  writeTree(path.join(org, 'good'), { 'depmap.yaml': GOOD });
  ODD_FOLDERS.forEach((folder, i) =>
    writeTree(path.join(org, folder), {
      'depmap.yaml': `depmap: 1\nname: odd${i}\nkind: worker\nowner: ${q(hostile(i + 10))}\nservices:\n  - { name: evil, api: evil-api, version: ${q(hostile(i))} }\n`,
    }),
  );
  return org;
}

/** A git repo whose commits carry hostile subjects and authors, changing a hostile manifest. */
export function hostileHistory(dir: string): string {
  const repo = path.join(dir, 'hist');
  initRepo(repo);
  commit(
    repo,
    {
      files: { 'depmap.yaml': evilManifest(1) },
      message: `${hostile(2)}\n\nbody ${hostile(10)}`,
      author: 'INJECTED Eve <eve@example.com>',
    },
    0,
  );
  commit(
    repo,
    {
      files: { 'depmap.yaml': evilManifest(2) },
      message: hostile(13).replace(/\n/g, ' '),
      author: 'Mallory <m@example.com>',
    },
    1,
  );
  commit(repo, { files: { 'depmap.yaml': 'depmap: 1\nname: evil\n' }, message: hostile(12).replace(/\n/g, ' ') }, 2);
  return repo;
}
