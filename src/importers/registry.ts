/**
 * Every importer, one line each. The order is what depmap does with them: the first whose
 * `matches` accepts a path reads it (so an importer for a name must come before one for a
 * whole folder: a compose file in `deploy/` is compose's, not Kubernetes'), content sniffers
 * are tried in this order, and a folder's libraries are listed family by family in the order
 * the families first appear here. Each importer's own file says the rest (library role,
 * rank in its family, sniffer, help and docs text); library-sources.ts derives the lists.
 */
import type { Importer } from './types.js';
import { packageLockImporter } from './npm/package-lock.js';
import { packageJsonImporter } from './npm/package-json.js';
import { pnpmLockImporter } from './npm/pnpm-lock.js';
import { yarnLockImporter } from './npm/yarn-lock.js';
import { goModImporter } from './go/go-mod.js';
import { gopkgLockImporter, gopkgTomlImporter } from './go/gopkg.js';
import { glideLockImporter, glideYamlImporter } from './go/glide.js';
import { gbManifestImporter } from './go/gb-manifest.js';
import { requirementsTxtImporter } from './python/requirements-txt.js';
import { poetryLockImporter } from './python/poetry-lock.js';
import { uvLockImporter } from './python/uv-lock.js';
import { pipfileLockImporter } from './python/pipfile-lock.js';
import { cargoTomlImporter } from './cargo/cargo-toml.js';
import { cargoLockImporter } from './cargo/cargo-lock.js';
import { gemfileImporter } from './ruby/gemfile.js';
import { gemfileLockImporter } from './ruby/gemfile-lock.js';
import { pomXmlImporter } from './jvm/pom-xml.js';
import { buildGradleImporter } from './jvm/build-gradle.js';
import { csprojImporter } from './dotnet/csproj.js';
import { composerJsonImporter, composerLockImporter } from './php/composer.js';
import { composeImporter } from './compose/compose.js';
import { backstageImporter } from './backstage/catalog-info.js';
import { cyclonedxImporter } from './cyclonedx/cyclonedx-json.js';
import { spdxImporter } from './spdx/spdx-jsonld.js';
import { kubernetesImporter } from './kubernetes/kubernetes.js';

export const IMPORTERS: readonly Importer[] = [
  packageLockImporter,
  pnpmLockImporter,
  yarnLockImporter,
  packageJsonImporter,
  poetryLockImporter,
  uvLockImporter,
  pipfileLockImporter,
  requirementsTxtImporter,
  cargoLockImporter,
  cargoTomlImporter,
  gemfileLockImporter,
  gemfileImporter,
  composerLockImporter,
  composerJsonImporter,
  goModImporter,
  gopkgLockImporter,
  glideLockImporter,
  gbManifestImporter,
  gopkgTomlImporter,
  glideYamlImporter,
  pomXmlImporter,
  buildGradleImporter,
  csprojImporter,
  composeImporter,
  backstageImporter,
  cyclonedxImporter,
  spdxImporter,
  kubernetesImporter,
];
