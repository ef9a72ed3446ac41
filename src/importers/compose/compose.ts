/**
 * docker-compose / compose files. Each service becomes a component (built here or an
 * application image) or an infrastructure node (a database, cache, queue… recognised by its
 * image), with its image as its version. Edges come from `depends_on`, `links`, and
 * environment variables that address another service (`ORDERS_URL=http://orders:8080`,
 * `DATABASE_URL=postgres://…@db/app`, `KAFKA_BROKERS=kafka:9092`); public URLs in the
 * environment become external nodes. An internal host the file does not define
 * (`PAYMENTS_URL=http://payments:8080` without a `payments` service) is another repo's
 * service: it becomes a reference by name, which the graph resolves to that component when
 * the organisation is mapped. Every edge says why it exists, secrets masked.
 * Services in a profile are kept and marked with it: they are part of the system when the
 * profile is on.
 */
import { asString, isRecord } from '../util/located.js';
import { basename, dirname, joinPath } from '../../util/paths.js';
import { emptyResult, type DiscoveredComponent, type DiscoveredEdge, type ImportContext } from '../types.js';
import { defineImporter } from '../define-importer.js';
import { parseDotenv } from './dotenv.js';
import { externalNode, findAddresses, internalServiceName, maskedEvidence } from '../topology/addresses.js';
import { classifyImage } from '../topology/classify-image.js';
import { addEdge, addTopology } from '../topology/edges.js';
import { kindOfProtocol } from '../topology/vocabulary.js';
import { asMapping, loadCompose, type RawService } from './load-compose.js';

function isComposeFile(file: string): boolean {
  const name = basename(file);
  return /^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/.test(name) && !/\.override\.ya?ml$/.test(name);
}

export const composeImporter = defineImporter({
  id: 'compose',
  files: '`docker-compose*.yml`, `compose*.yaml`',
  description:
    '`include`, `extends`, the override file, `.env`, profiles; addresses of internal hosts the file does not define become service references (resolved to components of other repos)',
  provides: 'services',
  matches: (file) => isComposeFile(file) || /(^|\/)(docker-)?compose\.override\.ya?ml$/.test(file),
  // Many YAML files have a top-level `services:`; a compose file has little else to tell it by.
  sniff: { ext: /\.ya?ml$/i, test: (head) => /^services:\s*$/m.test(head), loose: true },
  parse(text, ctx) {
    const result = emptyResult();
    const project = loadCompose(text, ctx);
    result.problems.push(...project.problems);
    const { services, lineOf, exactLineOf } = project;

    // Every name a service answers to on the compose network.
    const hostToService = new Map<string, string>();
    for (const [name, service] of services) {
      hostToService.set(name.toLowerCase(), name);
      for (const alias of aliasesOf(service)) if (!hostToService.has(alias)) hostToService.set(alias, name);
    }

    const components = new Map<string, DiscoveredComponent>();
    for (const [name, service] of services) {
      const image = asString(service.image);
      const classified = classifyImage(image);
      const built = service.build !== undefined;
      const profiles = Array.isArray(service.profiles)
        ? service.profiles.filter((p): p is string => typeof p === 'string')
        : [];
      const component: DiscoveredComponent = {
        name,
        kind: built ? 'service' : (classified?.kind ?? 'service'),
        infrastructure: !built && (classified?.infrastructure ?? false),
        ...(image ? { image } : {}),
        ...(exactLineOf('services', name) !== undefined ? { line: exactLineOf('services', name) } : {}),
        ...(built ? { built: true } : {}),
        ...(profiles.length > 0 ? { profiles } : {}),
      };
      const labels = asMapping('labels', service.labels);
      const description =
        asString(labels['org.opencontainers.image.description']) ?? asString(labels['com.example.description']);
      if (description) component.description = description;
      components.set(name, component);
    }

    const edges: DiscoveredEdge[] = [];
    for (const [name, service] of services) {
      // Services from an included or override file have no line here: their edges point at the file's start.
      const serviceLine = exactLineOf('services', name);
      for (const target of Object.keys(asMapping('depends_on', service.depends_on))) {
        if (!services.has(target)) {
          result.problems.push({
            line: lineOf('services', name, 'depends_on'),
            message: `service ${name} depends on ${target}, which is not defined`,
          });
          continue;
        }
        addEdge(edges, {
          from: name,
          to: target,
          line: lineOf('services', name, 'depends_on', target) ?? lineOf('services', name, 'depends_on') ?? serviceLine,
          evidence: 'depends_on',
        });
      }
      if (Array.isArray(service.links)) {
        for (const link of service.links) {
          const target = typeof link === 'string' ? link.split(':')[0] : undefined;
          if (target && services.has(target))
            addEdge(edges, {
              from: name,
              to: target,
              line: lineOf('services', name, 'links') ?? serviceLine,
              evidence: 'links',
            });
        }
      }
      const environment = { ...envFiles(service, ctx), ...asMapping('environment', service.environment) };
      const keys = Object.keys(environment);
      for (const [key, raw] of Object.entries(environment)) {
        const value = asString(raw);
        if (!value) continue;
        const line =
          lineOf('services', name, 'environment', key) ??
          lineOf('services', name, 'environment', keys.indexOf(key)) ??
          serviceLine;
        for (const address of findAddresses(key, value)) {
          const target = hostToService.get(address.host);
          const evidence = maskedEvidence(key, value);
          const external = externalNode(address);
          if (target && target !== name) {
            addEdge(edges, { from: name, to: target, protocol: address.protocol, line, evidence });
          } else if (!target && external) {
            if (!components.has(external.name)) components.set(external.name, external);
            addEdge(edges, { from: name, to: external.name, protocol: address.protocol, line, evidence });
          } else if (!target) {
            // Not a service of this file, yet an internal name: a service of another repo, by
            // reference, so that it resolves to that component once the organisation is mapped.
            const other = internalServiceName(key, address);
            if (!other || other === name) continue;
            const local = hostToService.get(other);
            if (local) {
              if (local !== name) addEdge(edges, { from: name, to: local, protocol: address.protocol, line, evidence });
              continue;
            }
            const kind = kindOfProtocol(address.protocol) ?? classifyImage(other)?.kind ?? 'service';
            addEdge(edges, {
              from: name,
              to: other,
              kind,
              protocol: address.protocol,
              line,
              evidence: `${evidence} (${other} is not a service of this file)`,
            });
          }
        }
      }
    }
    addTopology(result, components, edges);
    return result;
  },
});

/** Variables of the service's `env_file`s (relative to the compose file), as compose loads them. */
function envFiles(service: RawService, ctx: ImportContext): Record<string, unknown> {
  const entries = [service.env_file].flat().filter((entry) => entry !== undefined);
  const env: Record<string, unknown> = {};
  for (const entry of entries) {
    const path = typeof entry === 'string' ? entry : isRecord(entry) ? asString(entry.path) : undefined;
    if (!path) continue;
    const resolved = joinPath(dirname(ctx.file), path);
    const text = resolved === undefined ? undefined : ctx.readFile(resolved);
    if (text !== undefined) for (const [key, value] of parseDotenv(text)) env[key] = value;
  }
  return env;
}

function aliasesOf(service: RawService): string[] {
  const aliases: string[] = [];
  const containerName = asString(service.container_name);
  if (containerName) aliases.push(containerName.toLowerCase());
  const hostname = asString(service.hostname);
  if (hostname) aliases.push(hostname.toLowerCase());
  if (isRecord(service.networks)) {
    for (const network of Object.values(service.networks)) {
      if (isRecord(network) && Array.isArray(network.aliases)) {
        for (const alias of network.aliases) if (typeof alias === 'string') aliases.push(alias.toLowerCase());
      }
    }
  }
  return aliases;
}
