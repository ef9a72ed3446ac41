/**
 * A service reference from an importer as a declaration: what its verdicts say. A call that
 * discovery found has no API version because no deployment file can say one: it is
 * unversioned, not unpinned; the same reference imported by a manifest's `from:` is judged as
 * the manifest's own entries are. Images are judged either way.
 */
import { describe, expect, it } from 'vitest';
import { serviceDecl } from '../../src/importers/apply-imports.js';

const at = { line: 7, col: 1 };

describe('serviceDecl', () => {
  it('a discovered call without a version is unversioned: pinned, with the reason there is none', () => {
    const decl = serviceDecl(
      { name: 'orders', kind: 'service', protocol: 'http', line: 7 },
      'compose.yaml',
      at,
      'exact',
      {
        discovered: true,
      },
    );
    expect(decl.pin).toEqual({
      pinned: true,
      unversioned: true,
      reason: 'discovered from deployment files; no API version declared',
    });
    expect(decl.version).toBeUndefined();
  });

  it('the same call from a `from:` import still needs an API version', () => {
    const decl = serviceDecl({ name: 'orders', kind: 'service', line: 7 }, 'compose.yaml', at, 'exact');
    expect(decl.pin).toEqual({
      pinned: false,
      reason: 'no version',
      hint: 'pin one api version, e.g. 2.1.0 or 2024-06-20',
    });
  });

  it('a discovered call with a version is judged on it', () => {
    const judge = (version: string) =>
      serviceDecl({ name: 'orders', kind: 'service', version }, 'compose.yaml', at, 'exact', { discovered: true }).pin;
    expect(judge('2.1.0')).toEqual({ pinned: true });
    expect(judge('latest')).toEqual({
      pinned: false,
      reason: '"latest" names whatever version is current',
      hint: 'pin one api version, e.g. 2.1.0 or 2024-06-20',
    });
  });

  it.each([
    ['postgres:16.1', { pinned: true, class: 'exact' }],
    [
      'mariadb:10.9',
      {
        pinned: false,
        class: 'floating',
        reason: '"mariadb:10.9" has a minor-version tag, which moves with every patch release',
        hint: 'pin a full version tag, e.g. mariadb:<major.minor.patch>, or a digest',
      },
    ],
    [
      'mongo',
      {
        pinned: false,
        class: 'none',
        reason: '"mongo" has no tag, which means latest',
        hint: 'pin a full version tag, e.g. mongo:<major.minor.patch>, or a digest',
      },
    ],
  ])('the image of a discovered database (%s) is judged by its class; it needs no version', (image, imagePin) => {
    const decl = serviceDecl({ name: 'db', kind: 'database', image }, 'compose.yaml', at, 'exact', {
      discovered: true,
    });
    expect(decl.pin).toEqual({ pinned: true });
    expect(decl.imagePin).toEqual(imagePin);
  });
});
