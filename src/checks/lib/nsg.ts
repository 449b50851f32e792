/**
 * Network security group analysis: which inbound Allow rules expose which ports to the internet.
 *
 * A rule exposes ports when it is Inbound + Allow, its protocol matches (`Tcp`/`Udp` or `*`), one
 * of its sources is internet-wide (`*`, `Any`, `Internet`, `0.0.0.0/0` or any `x/0`, `::/0`), and
 * it has destination ports. A Deny inbound rule with a lower priority number (evaluated first),
 * the same protocol, an internet-wide source for the same address family and a destination
 * covering the allow's shadows the ports it denies. Custom rules (`securityRules`) and the
 * platform's `defaultSecurityRules` are read alike; the defaults only allow VNet and load-balancer
 * sources, so they never expose anything. Fields are read from `rule.properties` (ARM) or from the
 * rule itself (flattened shapes), case-insensitively.
 */

import type { ResourceModel } from '../../core/posture/rule';
import { formatPorts, type PortRange, parsePorts, subtract } from './ports';
import { asArray, asNumber, asString, eqi, field, isRecord, prop, short } from './props';

export type Transport = 'tcp' | 'udp';
type Family = 'v4' | 'v6';

export interface SecurityRuleView {
  name: string;
  access: 'allow' | 'deny';
  priority: number | undefined;
  /** Lower-case protocol as written: `tcp`, `udp`, `icmp`, `*`, ... */
  protocol: string;
  sources: string[];
  destinations: string[];
  ports: PortRange[];
}

export interface Exposure {
  rule: SecurityRuleView;
  /** The internet-wide source that matched, as written (`Internet`, `*`, `0.0.0.0/0`). */
  source: string;
  /** Ports still open to the internet after earlier Deny rules. Never empty. */
  open: PortRange[];
}

const ANY_TOKENS = new Set(['*', 'any', 'internet']);

function familiesOf(sources: readonly string[]): Set<Family> {
  const out = new Set<Family>();
  for (const raw of sources) {
    const s = raw.toLowerCase();
    if (ANY_TOKENS.has(s)) {
      out.add('v4');
      out.add('v6');
    } else if (/^[\d.]+\/0$/.test(s)) out.add('v4');
    else if (/^[\da-f:]*:[\da-f:]*\/0$/.test(s)) out.add('v6');
  }
  return out;
}

function strings(...values: unknown[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    for (const item of Array.isArray(v) ? v : [v]) {
      const s = asString(item);
      if (s !== undefined) out.push(s);
    }
  }
  return out;
}

/** Reads one security rule; `undefined` when it is not an inbound rule with a known access. */
export function readSecurityRule(raw: unknown): SecurityRuleView | undefined {
  if (!isRecord(raw)) return undefined;
  const inner = field(raw, 'properties');
  const get = (key: string): unknown => {
    const v = field(inner, key);
    return v === undefined || v === null ? field(raw, key) : v;
  };
  if (!eqi(get('direction'), 'Inbound')) return undefined;
  const access = eqi(get('access'), 'Allow') ? 'allow' : eqi(get('access'), 'Deny') ? 'deny' : undefined;
  const protocol = asString(get('protocol'))?.toLowerCase();
  if (access === undefined || protocol === undefined) return undefined;
  const destinations = strings(get('destinationAddressPrefix'), get('destinationAddressPrefixes'));
  const hasAsg = asArray(get('destinationApplicationSecurityGroups')).length > 0;
  return {
    name: short(asString(get('name')) ?? '(unnamed)', 50),
    access,
    priority: asNumber(get('priority')),
    protocol,
    sources: strings(get('sourceAddressPrefix'), get('sourceAddressPrefixes')),
    // No destination prefix means "any", unless the rule targets application security groups.
    destinations: destinations.length > 0 || hasAsg ? destinations : ['*'],
    ports: parsePorts([get('destinationPortRange'), ...asArray(get('destinationPortRanges'))]),
  };
}

/** The inbound rules of an NSG: custom `securityRules`, then `defaultSecurityRules`. */
export function inboundRules(nsg: ResourceModel): SecurityRuleView[] {
  const raw = [...asArray(prop(nsg, 'securityRules')), ...asArray(prop(nsg, 'defaultSecurityRules'))];
  return raw.map(readSecurityRule).filter((r): r is SecurityRuleView => r !== undefined);
}

function carries(protocol: string, transport: Transport): boolean {
  return protocol === '*' || protocol === 'any' || protocol === transport;
}

function evaluatedBefore(deny: SecurityRuleView, allow: SecurityRuleView): boolean {
  return deny.priority !== undefined && allow.priority !== undefined && deny.priority < allow.priority;
}

function coversDestinations(deny: SecurityRuleView, allow: SecurityRuleView): boolean {
  const denied = new Set(deny.destinations.map((d) => d.toLowerCase()));
  if (denied.has('*') || denied.has('any')) return true;
  return allow.destinations.length > 0 && allow.destinations.every((d) => denied.has(d.toLowerCase()));
}

/**
 * Every inbound Allow rule that leaves some `transport` ports open to the internet, first evaluated
 * (lowest priority number) first.
 */
export function internetExposures(nsg: ResourceModel, transport: Transport): Exposure[] {
  const rules = inboundRules(nsg);
  const denies = rules.filter((r) => r.access === 'deny' && carries(r.protocol, transport));
  const out: Exposure[] = [];
  for (const allow of rules) {
    if (allow.access !== 'allow' || !carries(allow.protocol, transport) || allow.ports.length === 0) continue;
    const families = familiesOf(allow.sources);
    if (families.size === 0) continue;
    const earlier = denies.filter((d) => evaluatedBefore(d, allow) && coversDestinations(d, allow));
    let open: PortRange[] = [];
    for (const family of families) {
      const blocking = earlier.filter((d) => familiesOf(d.sources).has(family)).flatMap((d) => d.ports);
      open = [...open, ...subtract(allow.ports, blocking)];
    }
    open = subtract(open, []);
    if (open.length === 0) continue;
    const source = allow.sources.find((s) => familiesOf([s]).size > 0) ?? '*';
    out.push({ rule: allow, source, open });
  }
  return out.sort(
    (a, b) => (a.rule.priority ?? Number.MAX_SAFE_INTEGER) - (b.rule.priority ?? Number.MAX_SAFE_INTEGER),
  );
}

function protocolWords(protocol: string, transport: Transport): string {
  return protocol === '*' || protocol === 'any' ? 'any protocol on' : transport.toUpperCase();
}

function ruleLabel(rule: SecurityRuleView): string {
  return rule.priority === undefined
    ? `Inbound rule ${rule.name}`
    : `Inbound rule ${rule.name} (priority ${rule.priority})`;
}

/** "Inbound rule allow-ssh (priority 100) allows TCP port 22 from Internet." */
export function describePortExposure(exposure: Exposure, transport: Transport, port: number): string {
  const { rule } = exposure;
  const declared = formatPorts(rule.ports);
  const range =
    declared === `${port}` ? '' : ` (${declared === 'all ports' ? 'all ports' : `ports ${declared}`})`;
  return `${ruleLabel(rule)} allows ${protocolWords(rule.protocol, transport)} port ${port}${range} from ${exposure.source}.`;
}

/** "Inbound rule dns (priority 100) allows UDP port 53 from Internet." (the ports still open) */
export function describeExposure(exposure: Exposure, transport: Transport): string {
  const { rule } = exposure;
  const anyProtocol = rule.protocol === '*' || rule.protocol === 'any';
  const ports = formatPorts(exposure.open);
  const single = exposure.open.length === 1 && exposure.open[0]?.[0] === exposure.open[0]?.[1];
  const what =
    ports === 'all ports'
      ? anyProtocol
        ? 'all ports over any protocol'
        : `all ${transport.toUpperCase()} ports`
      : `${protocolWords(rule.protocol, transport)} ${single ? 'port' : 'ports'} ${ports}`;
  return `${ruleLabel(rule)} allows ${what} from ${exposure.source}.`;
}

/** The first rule exposing `port` over `transport` to the internet, if any. */
export function findPortExposure(
  nsg: ResourceModel,
  transport: Transport,
  port: number,
): Exposure | undefined {
  return internetExposures(nsg, transport).find((e) =>
    e.open.some(([low, high]) => low <= port && port <= high),
  );
}
