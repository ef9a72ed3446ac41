/**
 * The deployment model of one repo: every deployment file of the repo (a compose project with
 * its layers and `.env`, Kubernetes manifests across files, Spring config, Dockerfiles) read
 * into one set of workloads before any edge is derived. Per-file importers cannot see a
 * layered compose project, a Service defined in one Kubernetes file and used from another, or
 * which folder's lockfile belongs to which service; the model can. Edges then come from
 * evidence over the model (evidence.ts), each with where it was read and how sure it is.
 *
 * Pure data: the loaders (compose, Kubernetes, Spring, Dockerfile) fill it from file texts,
 * nothing here touches the disk, and nothing from a repo is ever run.
 */

/** Where a fact was read: a repo-relative, `/`-separated file and a 1-based line. */
export interface SourceRef {
  file: string;
  line?: number;
}

/** The files of one repo as the loaders see them: every path, and a reader (undefined: missing or unreadable). */
export interface RepoFiles {
  /** Repo-relative, `/`-separated, sorted. */
  readonly paths: readonly string[];
  read(path: string): string | undefined;
  /** What identifies a file's content (a git blob id), when known: lets a caller reuse what was read from it. */
  version?(path: string): string | undefined;
}

/** How a setting reached the workload. */
type SettingSource =
  | 'env' // compose `environment:`, a Kubernetes container `env` value
  | 'env-file' // compose `env_file:`
  | 'dotenv' // a bare compose key (`- QUOTE_ADDR`) given its value by the project's `.env`
  | 'configmap' // Kubernetes `envFrom` / `configMapKeyRef`
  | 'secret' // Kubernetes `secretKeyRef` / `envFrom.secretRef`: the key is known, the value masked
  | 'dockerfile' // `ENV` in the Dockerfile that builds the workload's image
  | 'properties' // Spring application*.yml / .properties (and alike), with the active profiles
  | 'command'; // a `--flag=value` of the container's command or args

/** A value a workload is given: an environment variable, a property. */
export interface Setting extends SourceRef {
  key: string;
  /** The value after interpolation and lookups (`http://email:6060`); secrets are never kept. */
  value: string;
  /** The text as written, when it differs (`${QUOTE_ADDR}`, `$(ORDERS_HOST):8080`). */
  written?: string;
  via: SettingSource;
  /**
   * Where the workload takes it from, when the value is written elsewhere: the `envFrom` or
   * `configMapKeyRef` line that brings a ConfigMap's value (the setting's own file and line
   * are the ConfigMap's data line).
   */
  through?: SourceRef;
}

/** A container image as a deployment file names it. */
export interface ImageRef extends SourceRef {
  /** As written: `${REPO}/rs-web:${TAG}`. */
  written: string;
  /** After interpolation (`robotshop/rs-web:2.1.0`); undefined when a variable has no value. */
  ref?: string;
}

/** Where the workload's image is built from, when the repo builds it. */
export interface BuildRef extends SourceRef {
  /** Repo-relative folder of the build context (`''` for the root). */
  context: string;
  /** Repo-relative path of the Dockerfile, when it is known to exist. */
  dockerfile?: string;
  /** Build arguments (compose `build.args`), interpolated, secrets masked: what the Dockerfile's `ARG`s receive. */
  args?: Record<string, string>;
}

export interface Port {
  /** The port the workload listens on (a container port, a compose target port). */
  port: number;
  /** Kubernetes port name (`grpc`, `http-metrics`) or compose port name: says the protocol better than the number. */
  name?: string;
  /** Kubernetes `appProtocol`, or what the name says. */
  protocol?: string;
  /** A Kubernetes Service port's `targetPort`: the container port number or name it forwards to. */
  targetPort?: number | string;
}

/** A start-order or link dependency written in the deployment file (compose `depends_on`, `links`). */
export interface Dependency extends SourceRef {
  name: string;
  /** Which key wrote it: compose start order (`depends_on`) or a compose `links` entry. */
  via?: 'depends_on' | 'link';
}

/** Something that runs: a compose service, a Kubernetes Deployment, StatefulSet, DaemonSet, Job, CronJob. */
export interface Workload {
  /** The deployment name: the compose service key, the Kubernetes workload's metadata.name. */
  name: string;
  /**
   * Other names it is reached by: compose `hostname`, `container_name`, network aliases and
   * `links` aliases; the Kubernetes Services that select it. Never the name itself.
   */
  aliases: string[];
  /** Kubernetes pod labels (Service selectors and NetworkPolicies match on them); empty for compose. */
  labels: Record<string, string>;
  /** Where it is declared: the first line of its definition. */
  declared: SourceRef;
  /** Every other place that declares or overrides it (compose override files, a Kustomize patch). */
  alsoDeclared: SourceRef[];
  /** What runs it: a long-running service, or a job that runs and ends. */
  runs: 'service' | 'job';
  image?: ImageRef;
  build?: BuildRef;
  /** In the order the format gives them; a later setting of one key overrides an earlier one. */
  settings: Setting[];
  dependsOn: Dependency[];
  ports: Port[];
  /** Compose profiles; absent when always started. */
  profiles?: string[];
  /** Kubernetes `metadata.namespace` (or the Kustomize `namespace:`); absent when the manifest leaves it to `kubectl -n`. */
  namespace?: string;
}

/** A name other workloads can call: a Kubernetes Service (or the compose service itself). */
export interface Endpoint extends SourceRef {
  name: string;
  /** Pod labels it selects; undefined for a Service without selector. */
  selector?: Record<string, string>;
  ports: Port[];
  /** An ExternalName Service: the outside host it stands for. */
  externalName?: string;
  /** Kubernetes `metadata.namespace`: a Service selects pods of its own namespace only. */
  namespace?: string;
}

/** A call written as a rule or a route rather than as an address in a setting. */
export interface Route extends SourceRef {
  kind: 'gateway-route' | 'network-policy' | 'proxy';
  /** The workload that calls (the gateway, the pod a NetworkPolicy lets out). */
  from: string;
  /** What it calls, as written: a service name, `lb://customers-service`, a host. */
  to: string;
  protocol?: string;
  /** The text that says it, one line. */
  text: string;
}

/** A problem met while reading a file of the model: the file is reported, the rest still mapped. */
export interface FileProblem extends SourceRef {
  message: string;
  hint?: string;
  severity: 'error' | 'warning';
}

/**
 * One deployment as the repo describes it: a compose project (its files merged as `docker
 * compose` merges them), or a folder of Kubernetes manifests (with what Kustomize pulls in).
 */
export interface DeploymentSet {
  /** `compose:src/app/docker-compose.yml`, `kubernetes:kubernetes-manifests`. */
  id: string;
  kind: 'compose' | 'kubernetes';
  /** The files that make it, in the order they were read (base file first, overrides after). */
  files: string[];
  workloads: Workload[];
  endpoints: Endpoint[];
  routes: Route[];
  problems: FileProblem[];
  /** Compose profiles the project turns on by itself (`COMPOSE_PROFILES` in its `.env`); absent when none. */
  profiles?: string[];
}

/** What a Spring Boot module's configuration says, for the profiles in force. */
export interface ModuleConfig {
  /** `spring.application.name`, when set: the name the module registers and is routed by. */
  name?: string;
  settings: Setting[];
  routes: Omit<Route, 'from'>[];
  problems: FileProblem[];
}

/** What a Dockerfile says of the image it builds. */
export interface DockerfileFacts {
  /** `ENV` lines of the final stage, both forms (`ENV K v`, `ENV K=v K2=v2`), continuation lines joined. */
  env: Setting[];
  /** The final stage's base image (`FROM node:14`), resolved through earlier stages' names. */
  from?: ImageRef;
  /** `EXPOSE`d ports. */
  expose: number[];
  /** What could not be read (a file too large, no `FROM`); absent when none. */
  problems?: FileProblem[];
}

export type { Confidence, Evidence, EvidenceKind } from '../manifest/types.js';
