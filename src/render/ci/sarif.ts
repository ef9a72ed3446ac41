/**
 * SARIF 2.1.0 for code scanning (GitHub uploads it with github/codeql-action/upload-sarif):
 * one result per new violation, located on the manifest line, with a partial fingerprint
 * so alerts follow a violation when lines move. Paths are relative to the working folder,
 * which in CI is the repository root (%SRCROOT%).
 */
import { safeJson } from '../../util/control-chars.js';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import type { CheckReport } from '../../policy/report.js';
import { RULES, RULE_IDS, type RuleSeverity } from '../../policy/types.js';
import { plainText } from '../escape/index.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const FINGERPRINT_KEY = 'depmap/v1';

function level(severity: RuleSeverity | 'warn'): 'error' | 'warning' | 'none' {
  return severity === 'error' ? 'error' : severity === 'warn' ? 'warning' : 'none';
}

/** A SARIF artifact URI: relative paths percent-encoded per segment, absolute ones as file: URLs. */
function artifactUri(file: string): { uri: string; uriBaseId?: string } {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) return { uri: file };
  if (path.isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function pascal(id: string): string {
  return id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());
}

export function renderSarif(report: CheckReport): string {
  const severityOf = new Map(report.rules.map((r) => [r.id, r.severity]));
  const rules = RULE_IDS.map((id) => ({
    id,
    name: pascal(id),
    shortDescription: { text: RULES[id].summary },
    fullDescription: { text: RULES[id].help },
    help: { text: `${RULES[id].summary}\n\n${RULES[id].help}`, markdown: `${RULES[id].summary}\n\n${RULES[id].help}` },
    defaultConfiguration: { level: level(severityOf.get(id) ?? 'error') },
    properties: { tags: ['depmap', 'dependencies'] },
  }));
  const results = report.violations.map((v) => ({
    ruleId: v.rule,
    ruleIndex: RULE_IDS.indexOf(v.rule),
    level: level(v.severity),
    message: { text: plainText(v.hint ? `${v.message}\nFix: ${v.hint}` : v.message) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactUri(v.path),
          region: { startLine: Math.max(1, v.line), startColumn: Math.max(1, v.col) },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: v.fingerprint },
  }));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: report.tool.name, version: report.tool.version, semanticVersion: report.tool.version, rules },
        },
        columnKind: 'unicodeCodePoints',
        results,
        // What the check says about itself (this change adopts depmap) is a notification, not a result.
        ...(report.notes.length > 0
          ? {
              invocations: [
                {
                  executionSuccessful: true,
                  toolExecutionNotifications: report.notes.map((n) => ({
                    level: 'note',
                    message: { text: plainText(n.message) },
                    locations: [{ physicalLocation: { artifactLocation: artifactUri(n.path ?? n.file) } }],
                  })),
                },
              ],
            }
          : {}),
      },
    ],
  };
  return `${safeJson(JSON.stringify(log, null, 2))}\n`;
}
