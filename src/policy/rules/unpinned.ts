/**
 * unpinned: libraries, images and service API versions (consumed and provided) that do not
 * name one exact version. Images and docker/oci libraries are judged again at the level in
 * force, since a snapshot may have been written with another one: at level `exact` a
 * floating tag (`6.2-alpine`) or none fails, at level `digest` anything but a digest. Local
 * paths (`file:`, `workspace:`) are parts of the same repo, not dependencies to pin.
 *
 * A service call discovered from deployment files has no API version because no file can say
 * one: its verdict says `unversioned` (importers/apply-imports.ts), and it is not reported
 * (its image still is).
 */
import { checkApiVersionPin, checkImagePin, checkPin, LOCAL_PATH } from '../../manifest/pin/index.js';
import { pinWords, type PinSubject } from '../../manifest/pin-words.js';
import type { PinVerdict } from '../../manifest/types.js';
import { libraryLabel, librarySubject, libraryUses, providedApis, serviceUses } from '../declarations.js';
import { defineRule } from '../define-rule.js';
import type { CheckInput } from '../input.js';
import { compilePatterns } from '../patterns.js';
import type { Finding, FindingLocation } from '../types.js';

const IMAGE_ECOSYSTEMS = new Set(['docker', 'oci']);

function check(input: CheckInput): Finding[] {
  const repos = input.snapshot.repos;
  const ignored = compilePatterns(input.policy.unpinned.ignore);
  const findings: Finding[] = [];
  const add = (at: FindingLocation & { component: string }, subject: string, what: PinSubject, verdict: PinVerdict) => {
    const words = pinWords(what, verdict);
    const finding: Finding = { rule: 'unpinned', ...at, subject, message: words.message };
    if (words.hint) finding.hint = words.hint;
    findings.push(finding);
  };

  for (const { manifest, lib, at } of libraryUses(repos)) {
    const pin = IMAGE_ECOSYSTEMS.has(lib.ecosystem)
      ? checkPin(lib.ecosystem, lib.version, { docker: input.docker, name: lib.name })
      : lib.pin;
    if (pin.pinned || pin.reason === LOCAL_PATH) continue;
    const ref =
      lib.version === undefined
        ? { kind: 'library' as const, purl: lib.purl }
        : { kind: 'library' as const, purl: lib.purl, version: lib.version };
    if (ignored(ref)) continue;
    add({ ...at, component: manifest.name }, librarySubject(lib), { kind: 'library', label: libraryLabel(lib) }, pin);
  }
  // A component's own image: what it runs as, judged like any image it calls.
  for (const repo of repos) {
    for (const manifest of repo.manifests) {
      if (manifest.image === undefined || ignored({ kind: 'image', image: manifest.image })) continue;
      const pin = checkImagePin(manifest.image, input.docker);
      if (pin.pinned) continue;
      const at = { repo: repo.id, file: manifest.file, line: manifest.pos.line, col: manifest.pos.col };
      add({ ...at, component: manifest.name }, `image:${manifest.name}`, { kind: 'own-image' }, pin);
    }
  }
  for (const { manifest, svc, at } of serviceUses(repos)) {
    if (ignored({ kind: 'service', name: svc.name })) continue;
    if (!svc.pin.pinned && !svc.pin.unversioned) {
      // Across the organisation the api tells one call to a service from another.
      add(
        { ...at, component: manifest.name },
        `service:${svc.name}${svc.api ? `#${svc.api}` : ''}`,
        { kind: 'service', name: svc.name, api: svc.api },
        svc.pin,
      );
    }
    if (svc.image !== undefined && !ignored({ kind: 'image', image: svc.image })) {
      const pin = checkImagePin(svc.image, input.docker);
      if (!pin.pinned)
        add({ ...at, component: manifest.name }, `image:${svc.name}`, { kind: 'image', service: svc.name }, pin);
    }
  }
  for (const { manifest, provided, at } of providedApis(repos)) {
    const pin = checkApiVersionPin(provided.version);
    if (!pin.pinned)
      add(
        { ...at, component: manifest.name },
        `provides:${provided.api}`,
        { kind: 'provided', api: provided.api },
        pin,
      );
  }
  return findings;
}

export const unpinned = defineRule({
  summary: 'A library, image or service API version that is not pinned to one exact version.',
  help: 'Ranges, moving tags and missing versions make builds and deployments unreproducible. Pin the exact version (for images a version tag, or a digest when the policy asks for digests).',
  orgWide: false,
  options: ({ z, pattern }) => ({
    docker: z
      .enum(['exact', 'digest'])
      .optional()
      .meta({ description: 'Images: a specific version tag (exact, default) or a digest (digest).' }),
    ignore: z.array(pattern).optional().meta({ description: 'Dependencies this rule does not judge.' }),
  }),
  normalize: (raw, policy) => {
    policy.unpinned = { ignore: raw.ignore ?? [] };
    if (raw.docker) policy.unpinned.docker = raw.docker;
  },
  check,
});
