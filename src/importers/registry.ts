/** Every importer, most specific first: the first whose `matches` accepts a path reads it. */
import type { Importer } from './types.js';
import { packageLockImporter } from './npm/package-lock.js';
import { packageJsonImporter } from './npm/package-json.js';
import { pnpmLockImporter } from './npm/pnpm-lock.js';
import { yarnLockImporter } from './npm/yarn-lock.js';
import { goModImporter } from './go/go-mod.js';
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
import { kubernetesImporter } from './kubernetes/kubernetes.js';

export const IMPORTERS: readonly Importer[] = [
  packageLockImporter,
  pnpmLockImporter,
  yarnLockImporter,
  packageJsonImporter,
  goModImporter,
  poetryLockImporter,
  uvLockImporter,
  pipfileLockImporter,
  requirementsTxtImporter,
  cargoLockImporter,
  cargoTomlImporter,
  gemfileLockImporter,
  gemfileImporter,
  pomXmlImporter,
  buildGradleImporter,
  csprojImporter,
  composerLockImporter,
  composerJsonImporter,
  composeImporter,
  backstageImporter,
  cyclonedxImporter,
  kubernetesImporter,
];
