/**
 * A small organisation with a history, for the rewind commands: `shop` (component checkout:
 * log4j-core 2.14.0 → 2.14.1 → 2.15.0, express removed and added back) and `front` (web,
 * on log4j-core 2.16.0, calling checkout). Dates, authors and subjects are fixed.
 */
import path from 'node:path';
import { tempDir } from './fs.js';
import { gitRepo } from './git.js';

const checkout = (libs: string[], calls = ['payments']) =>
  [
    'depmap: 1',
    'name: checkout',
    'kind: service',
    'owner: team-checkout',
    'libraries:',
    ...libs.map((l) => `  - ${l}`),
    'services:',
    ...calls.map((c) => `  - { name: ${c}, protocol: http }`),
    '',
  ].join('\n');
const log4j = (v: string) => `pkg:maven/org.apache.logging.log4j/log4j-core@${v}`;

/** A fresh copy of the organisation in a temp folder; returns the folder holding `shop` and `front`. */
export function makeOrg(): string {
  const org = tempDir('depmap-lineage-');
  gitRepo(
    [
      {
        date: '2021-01-05T09:00:00Z',
        author: 'Alice <alice@example.com>',
        message: 'checkout with log4j and express',
        files: { 'depmap.yaml': checkout([log4j('2.14.0'), 'pkg:npm/express@4.17.1']) },
      },
      {
        date: '2021-06-01T09:00:00Z',
        author: 'Bob <bob@example.com>',
        message: 'log4j 2.14.1',
        files: { 'depmap.yaml': checkout([log4j('2.14.1'), 'pkg:npm/express@4.17.1']) },
      },
      {
        date: '2021-12-11T09:00:00+01:00',
        author: 'Carol <carol@example.com>',
        message: 'fix CVE-2021-44228',
        files: { 'depmap.yaml': checkout([log4j('2.15.0'), 'pkg:npm/express@4.17.1']) },
      },
      {
        date: '2022-02-01T09:00:00Z',
        author: 'Dave <dave@example.com>',
        message: 'drop express',
        files: { 'depmap.yaml': checkout([log4j('2.15.0')]) },
      },
      {
        date: '2022-03-01T09:00:00Z',
        author: 'Alice <alice@example.com>',
        message: 'express is back',
        files: { 'depmap.yaml': checkout([log4j('2.15.0'), 'pkg:npm/express@4.18.2']) },
      },
    ],
    path.join(org, 'shop'),
  );
  gitRepo(
    [
      {
        date: '2021-02-01T09:00:00Z',
        author: 'Erin <erin@example.com>',
        message: 'web calls checkout',
        files: {
          'depmap.yaml':
            'depmap: 1\nname: web\nkind: service\nowner: team-web\nlibraries:\n  - pkg:maven/org.apache.logging.log4j/log4j-core@2.16.0\nservices:\n  - { name: checkout, protocol: http }\n',
        },
      },
    ],
    path.join(org, 'front'),
  );
  return org;
}
