import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RULES } from '../../src/checks';
import { type Rule, SEVERITIES } from '../../src/core/posture/rule';

const CHECKS_DIR = resolve(__dirname, '../../src/checks');
const NOT_SERVICES = new Set(['lib']);

/** The services the catalogue covers, each a folder under src/checks. */
const CATALOGUE_SERVICES = [
  'storage',
  'network',
  'sql',
  'postgresql',
  'mysql',
  'keyvault',
  'appservice',
  'cosmosdb',
  'containerregistry',
  'aks',
  'compute',
  'defender',
  'monitor',
  'iam',
];

interface RuleFile {
  service: string;
  file: string;
  id: string;
  exported: Rule[];
}

function isRule(value: unknown): value is Rule {
  return typeof value === 'object' && value !== null && 'id' in value && 'evaluate' in value;
}

function ruleFiles(): RuleFile[] {
  const out: RuleFile[] = [];
  for (const service of readdirSync(CHECKS_DIR).sort()) {
    const dir = join(CHECKS_DIR, service);
    if (NOT_SERVICES.has(service) || !statSync(dir).isDirectory()) continue;
    for (const file of readdirSync(dir).sort()) {
      if (!file.endsWith('.ts')) continue;
      const mod = jest.requireActual<Record<string, unknown>>(join(dir, file));
      out.push({ service, file, id: file.replace(/\.ts$/, ''), exported: Object.values(mod).filter(isRule) });
    }
  }
  return out;
}

describe('the rule registry (src/checks/index.ts)', () => {
  const files = ruleFiles();

  it('holds at least 40 rules with unique ids', () => {
    expect(RULES.length).toBeGreaterThanOrEqual(40);
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has one rule per file, whose id equals the file name', () => {
    for (const f of files) {
      expect({ file: `${f.service}/${f.file}`, ids: f.exported.map((r) => r.id) }).toEqual({
        file: `${f.service}/${f.file}`,
        ids: [f.id],
      });
    }
  });

  it('lists every rule file exactly once, and nothing else', () => {
    const listed = RULES.map((r) => r.id).sort();
    expect(listed).toEqual(files.map((f) => f.id).sort());
    for (const f of files) {
      const [exported] = f.exported;
      expect(RULES.filter((r) => r === exported)).toHaveLength(1);
    }
  });

  it('represents every service of the catalogue', () => {
    const services = new Set(files.map((f) => f.service));
    for (const service of CATALOGUE_SERVICES)
      expect({ service, present: services.has(service) }).toEqual({ service, present: true });
  });

  it.each(RULES.map((r) => [r.id, r] as const))('%s carries complete metadata', (_id, rule) => {
    expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
    expect(rule.title.trim()).not.toBe('');
    expect(rule.title).not.toMatch(/\.$/);
    expect(SEVERITIES).toContain(rule.severity);
    expect(rule.resourceType.trim()).not.toBe('');
    if (rule.scope === 'resource')
      expect(rule.resourceType).toMatch(/^Microsoft\.[A-Za-z]+\/[A-Za-z]+(\/[A-Za-z]+)?$/);
    else expect(rule.resourceType).toBe('subscription');
    expect(Array.isArray(rule.cis)).toBe(true);
    for (const ref of rule.cis) expect(ref).toMatch(/^CIS (2\.1|3\.0|4\.0) \d+(\.\d+)*$/);
    expect(rule.rationale.trim().length).toBeGreaterThan(20);
    expect(rule.remediation.portal.length).toBeGreaterThan(0);
    for (const step of rule.remediation.portal) expect(step.trim()).not.toBe('');
    expect(rule.remediation.cli).toMatch(/^az [a-z]/);
    expect(rule.remediation.cli).toMatch(/<[a-z-]+>/);
  });

  it('maps CIS references for every catalogue row that has them', () => {
    const withoutCis = RULES.filter((r) => r.cis.length === 0)
      .map((r) => r.id)
      .sort();
    expect(withoutCis).toEqual([
      // Catalogue rows with no CIS mapping in 2.1, 3.0 or 4.0:
      'aks-local-accounts-disabled',
      'containerregistry-admin-user-disabled',
      // Not in the catalogue (added by us):
      'disk-public-network-access',
      'mysql-firewall-allows-all-internet',
      'nsg-all-ports-open-to-internet',
      'postgresql-firewall-allows-all-internet',
      'sql-minimum-tls-version',
      'storage-geo-redundancy',
      'vm-linux-ssh-key-only',
    ]);
  });

  it('declares the sub-resources it reads with a known ChildKind', () => {
    const kinds = [
      'firewallRules',
      'auditingSettings',
      'administrators',
      'transparentDataEncryption',
      'configurations',
      'webConfig',
      'blobService',
      'keys',
    ];
    for (const rule of RULES) {
      if (rule.scope === 'resource') for (const need of rule.needs ?? []) expect(kinds).toContain(need);
    }
  });
});
