/**
 * The rule registry: every rule `depmap check` knows, by the name policy files, reports and
 * baselines use, in the order reports list them. Adding a rule is its file and one line here.
 */
import { cycle } from './cycle.js';
import { denied } from './denied.js';
import { drift } from './drift.js';
import { invalidManifest } from './invalid-manifest.js';
import { newDependency } from './new-dependency.js';
import { skew } from './skew.js';
import { unpinned } from './unpinned.js';
import { undeclaredCall } from './undeclared-call.js';
import { unobservedDependency } from './unobserved-dependency.js';
import { unresolvedService } from './unresolved-service.js';

export const POLICY_RULES = {
  unpinned,
  'new-dependency': newDependency,
  denied,
  'unresolved-service': unresolvedService,
  cycle,
  skew,
  'invalid-manifest': invalidManifest,
  drift,
  'undeclared-call': undeclaredCall,
  'unobserved-dependency': unobservedDependency,
};
