import { describe, expect, it } from 'vitest';
import { parseGitUrl, looksLikeGitUrl } from '../../src/crawl/git-url.js';
import { UsageError } from '../../src/errors.js';

describe('git URLs', () => {
  it.each([
    ['https://github.com/acme/checkout.git', 'github.com/acme/checkout', undefined],
    ['https://github.com/acme/checkout.git#main', 'github.com/acme/checkout', 'main'],
    ['git@github.com:acme/payments.git#v2.1.0', 'github.com/acme/payments', 'v2.1.0'],
    ['ssh://git@gitlab.example.com:2222/platform/orders.git', 'gitlab.example.com/platform/orders', undefined],
    [
      'file:///srv/git/inventory.git#0123456789abcdef0123456789abcdef01234567',
      'file/git/inventory',
      '0123456789abcdef0123456789abcdef01234567',
    ],
  ])('accepts %s', (input, id, ref) => {
    const url = parseGitUrl(input);
    expect(url.id).toBe(id);
    expect(url.ref).toBe(ref);
    expect(looksLikeGitUrl(input)).toBe(true);
  });

  it('drops credentials from what is shown', () => {
    const url = parseGitUrl('https://user:s3cret@github.com/acme/x.git');
    expect(url.display).toBe('https://github.com/acme/x.git');
    expect(url.url).toContain('s3cret'); // git still needs them
  });

  it.each([
    ['--upload-pack=touch /tmp/pwned', /whitespace|starts with "-"/],
    ['--upload-pack=evil', /starts with "-"/],
    ['-c core.sshCommand=evil', /whitespace|starts with "-"/],
    ['ext::sh -c touch% /tmp/pwned', /whitespace|transport helpers/],
    ['ext::sh', /transport helpers/],
    ['fd::17', /transport helpers/],
    ['https://github.com/acme/x.git#--upload-pack=evil', /carries a git option/],
    ['https://github.com/acme/x.git#-bad', /not a valid branch/],
    ['https://github.com/acme/x.git#../../etc', /not a valid branch/],
    ['ftp://example.com/repo.git', /ftp scheme is not allowed/],
    ['https://example.com/a b.git', /whitespace/],
    ['ssh://-oProxyCommand=evil/x', /host or user starts with "-"|no host|not a URL/],
  ])('refuses %s', (input, reason) => {
    expect(() => parseGitUrl(input)).toThrow(UsageError);
    expect(() => parseGitUrl(input)).toThrow(reason);
  });

  it('local paths are not URLs', () => {
    expect(looksLikeGitUrl('./repos/checkout')).toBe(false);
    expect(looksLikeGitUrl('~/src/*')).toBe(false);
    expect(looksLikeGitUrl('C:/src/repo')).toBe(false);
  });
});
