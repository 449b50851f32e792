import { rule as networkWatcher } from '../../src/checks/network/network-watcher-all-regions';
import { rule as allPorts } from '../../src/checks/network/nsg-all-ports-open-to-internet';
import { rule as http } from '../../src/checks/network/nsg-http-open-to-internet';
import { rule as rdp } from '../../src/checks/network/nsg-rdp-open-to-internet';
import { rule as ssh } from '../../src/checks/network/nsg-ssh-open-to-internet';
import { rule as udp } from '../../src/checks/network/nsg-udp-open-to-internet';
import type { ResourceRule } from '../../src/core/posture/rule';
import { facts, judgeOne, nsg, nsgRule, reasonOf } from './fixtures';
import { describeResourceRules, describeSubscriptionRules } from './rule-cases';

const internet = { sourceAddressPrefix: 'Internet' };
const https = nsgRule('allow-https', { ...internet, destinationPortRange: '443' });

describeResourceRules([
  {
    rule: ssh,
    pass: nsg([
      https,
      nsgRule('allow-ssh-vnet', { sourceAddressPrefix: '10.1.0.0/16', destinationPortRange: '22' }),
    ]),
    fail: nsg([nsgRule('allow-ssh', { ...internet, destinationPortRange: '22' })], 'nsg-jump'),
    namesResource: false,
    reason: /^Inbound rule allow-ssh \(priority 100\) allows TCP port 22 from Internet\.$/,
  },
  {
    rule: rdp,
    pass: nsg([https]),
    fail: nsg(
      [nsgRule('allow-rdp', { ...internet, priority: 310, destinationPortRange: '3389' })],
      'nsg-win',
    ),
    namesResource: false,
    reason: /allow-rdp \(priority 310\) allows TCP port 3389 from Internet/,
  },
  {
    rule: http,
    pass: nsg([https]),
    fail: nsg([nsgRule('allow-http', { ...internet, destinationPortRange: '80' })], 'nsg-web'),
    namesResource: false,
    reason: /allow-http \(priority 100\) allows TCP port 80 from Internet/,
  },
  {
    rule: udp,
    pass: nsg([https, nsgRule('dns-internal', { protocol: 'Udp', destinationPortRange: '53' })]),
    fail: nsg(
      [nsgRule('allow-dns', { ...internet, protocol: 'Udp', destinationPortRange: '53' })],
      'nsg-dns',
    ),
    namesResource: false,
    reason: /allow-dns \(priority 100\) allows UDP port 53 from Internet/,
  },
  {
    rule: allPorts,
    pass: nsg([https]),
    fail: nsg(
      [nsgRule('allow-any', { sourceAddressPrefix: '*', protocol: '*', destinationPortRange: '*' })],
      'nsg-open',
    ),
    namesResource: false,
    reason: /allow-any \(priority 100\) allows all ports over any protocol from \*/,
  },
]);

const reasonFor = (rule: ResourceRule, rules: unknown[]) => reasonOf(judgeOne(rule, nsg(rules)));
const statusFor = (rule: ResourceRule, rules: unknown[]) => judgeOne(rule, nsg(rules)).status;

describe('NSG rules: ports', () => {
  it('finds 3389 inside a range (3380-3390) and says so', () => {
    expect(reasonFor(rdp, [nsgRule('mgmt', { ...internet, destinationPortRange: '3380-3390' })])).toBe(
      'Inbound rule mgmt (priority 100) allows TCP port 3389 (ports 3380-3390) from Internet.',
    );
  });

  it('tolerates spaces in ranges', () => {
    expect(statusFor(rdp, [nsgRule('mgmt', { ...internet, destinationPortRange: ' 3380 - 3390 ' })])).toBe(
      'fail',
    );
  });

  it('treats * and 0-65535 as every port', () => {
    expect(statusFor(ssh, [nsgRule('all', { ...internet, destinationPortRange: '*' })])).toBe('fail');
    expect(statusFor(ssh, [nsgRule('all', { ...internet, destinationPortRange: '0-65535' })])).toBe('fail');
    expect(reasonFor(ssh, [nsgRule('all', { ...internet, destinationPortRange: '*' })])).toContain(
      '(all ports)',
    );
  });

  it('reads lists in destinationPortRanges', () => {
    const listed = nsgRule('many', {
      ...internet,
      destinationPortRange: null,
      destinationPortRanges: ['80', '443', '20-23'],
    });
    expect(statusFor(ssh, [listed])).toBe('fail');
    expect(statusFor(http, [listed])).toBe('fail');
    expect(statusFor(rdp, [listed])).toBe('pass');
  });

  it('does not match neighbouring ports or ranges', () => {
    expect(statusFor(ssh, [nsgRule('near', { ...internet, destinationPortRange: '23-25' })])).toBe('pass');
    expect(statusFor(rdp, [nsgRule('near', { ...internet, destinationPortRange: '3390-3400' })])).toBe(
      'pass',
    );
  });

  it('ignores invalid port expressions instead of guessing', () => {
    expect(statusFor(ssh, [nsgRule('bad', { ...internet, destinationPortRange: '22-10' })])).toBe('pass');
    expect(statusFor(ssh, [nsgRule('bad', { ...internet, destinationPortRange: 'ssh' })])).toBe('pass');
  });
});

describe('NSG rules: sources', () => {
  it.each(['*', 'Internet', '0.0.0.0/0', 'Any', 'any', '::/0', 'INTERNET'])(
    'treats %s as the internet',
    (source) => {
      expect(
        statusFor(ssh, [nsgRule('open', { sourceAddressPrefix: source, destinationPortRange: '22' })]),
      ).toBe('fail');
    },
  );

  it('reads internet sources in sourceAddressPrefixes', () => {
    const rules = [
      nsgRule('open', {
        sourceAddressPrefix: null,
        sourceAddressPrefixes: ['10.0.0.0/8', '0.0.0.0/0'],
        destinationPortRange: '22',
      }),
    ];
    expect(reasonFor(ssh, rules)).toContain('from 0.0.0.0/0');
  });

  it('does not treat private ranges or service tags as the internet', () => {
    for (const source of ['10.0.0.0/8', 'VirtualNetwork', 'AzureLoadBalancer', '203.0.113.7/32']) {
      expect(
        statusFor(ssh, [nsgRule('narrow', { sourceAddressPrefix: source, destinationPortRange: '22' })]),
      ).toBe('pass');
    }
  });
});

describe('NSG rules: protocols and direction', () => {
  it('matches TCP rules on Tcp, tcp, TCP and *', () => {
    for (const protocol of ['Tcp', 'tcp', 'TCP', '*']) {
      expect(statusFor(ssh, [nsgRule('open', { ...internet, protocol, destinationPortRange: '22' })])).toBe(
        'fail',
      );
    }
  });

  it('does not match a UDP rule for SSH, nor a TCP rule for UDP', () => {
    expect(statusFor(ssh, [nsgRule('u', { ...internet, protocol: 'Udp', destinationPortRange: '22' })])).toBe(
      'pass',
    );
    expect(statusFor(udp, [nsgRule('t', { ...internet, protocol: 'Tcp', destinationPortRange: '*' })])).toBe(
      'pass',
    );
    expect(statusFor(udp, [nsgRule('a', { ...internet, protocol: '*', destinationPortRange: '500' })])).toBe(
      'fail',
    );
    expect(statusFor(ssh, [nsgRule('i', { ...internet, protocol: 'Icmp', destinationPortRange: '*' })])).toBe(
      'pass',
    );
  });

  it('describes a rule open on any protocol', () => {
    expect(
      reasonFor(ssh, [nsgRule('anyproto', { ...internet, protocol: '*', destinationPortRange: '22' })]),
    ).toBe('Inbound rule anyproto (priority 100) allows any protocol on port 22 from Internet.');
  });

  it('ignores outbound rules', () => {
    expect(
      statusFor(ssh, [nsgRule('out', { ...internet, direction: 'Outbound', destinationPortRange: '22' })]),
    ).toBe('pass');
  });

  it('ignores Deny rules as exposures', () => {
    expect(
      statusFor(ssh, [nsgRule('deny', { ...internet, access: 'Deny', destinationPortRange: '22' })]),
    ).toBe('pass');
  });

  it('reads lower-case enum values', () => {
    const lower = nsgRule('lower', {
      access: 'allow',
      direction: 'inbound',
      protocol: 'tcp',
      sourceAddressPrefix: 'internet',
      destinationPortRange: '22',
    });
    expect(statusFor(ssh, [lower])).toBe('fail');
  });

  it('reads flattened rules (fields beside the name, as some tools return them)', () => {
    const flat = {
      name: 'flat',
      access: 'Allow',
      direction: 'Inbound',
      priority: 100,
      protocol: 'Tcp',
      sourceAddressPrefix: '*',
      destinationPortRange: '22',
    };
    expect(reasonFor(ssh, [flat])).toContain('Inbound rule flat (priority 100)');
  });
});

describe('NSG rules: deny shadowing', () => {
  const allowSsh = nsgRule('allow-ssh', { ...internet, priority: 300, destinationPortRange: '22' });

  it('a deny with a lower priority number covering the port shadows the allow', () => {
    const deny = nsgRule('deny-ssh', {
      access: 'Deny',
      priority: 200,
      sourceAddressPrefix: '*',
      destinationPortRange: '22',
    });
    expect(statusFor(ssh, [allowSsh, deny])).toBe('pass');
  });

  it('a deny with a higher priority number does not shadow', () => {
    const deny = nsgRule('deny-ssh', {
      access: 'Deny',
      priority: 400,
      sourceAddressPrefix: '*',
      destinationPortRange: '22',
    });
    expect(statusFor(ssh, [allowSsh, deny])).toBe('fail');
  });

  it('a deny covering other ports, another protocol or a narrow source does not shadow', () => {
    const otherPort = nsgRule('d1', {
      access: 'Deny',
      priority: 200,
      sourceAddressPrefix: '*',
      destinationPortRange: '23',
    });
    const otherProtocol = nsgRule('d2', {
      access: 'Deny',
      priority: 200,
      protocol: 'Udp',
      sourceAddressPrefix: '*',
      destinationPortRange: '22',
    });
    const narrowSource = nsgRule('d3', {
      access: 'Deny',
      priority: 200,
      sourceAddressPrefix: '198.51.100.0/24',
      destinationPortRange: '22',
    });
    const narrowDestination = nsgRule('d4', {
      access: 'Deny',
      priority: 200,
      sourceAddressPrefix: '*',
      destinationAddressPrefix: '10.0.0.4',
      destinationPortRange: '22',
    });
    for (const deny of [otherPort, otherProtocol, narrowSource, narrowDestination]) {
      expect(statusFor(ssh, [allowSsh, deny])).toBe('fail');
    }
  });

  it('a deny on a range or any protocol shadows', () => {
    const deny = nsgRule('deny-mgmt', {
      access: 'Deny',
      priority: 100,
      protocol: '*',
      sourceAddressPrefix: 'Internet',
      destinationPortRanges: ['20-25', '3389'],
      destinationPortRange: null,
    });
    expect(statusFor(ssh, [allowSsh, deny])).toBe('pass');
  });

  it('a partial deny leaves the rest of an all-ports allow open', () => {
    const allowAll = nsgRule('allow-all', {
      sourceAddressPrefix: '*',
      priority: 500,
      destinationPortRange: '*',
    });
    const denySsh = nsgRule('deny-ssh', {
      access: 'Deny',
      priority: 100,
      sourceAddressPrefix: '*',
      destinationPortRange: '22',
    });
    expect(statusFor(ssh, [allowAll, denySsh])).toBe('pass');
    expect(statusFor(rdp, [allowAll, denySsh])).toBe('fail');
    expect(statusFor(allPorts, [allowAll, denySsh])).toBe('fail');
  });

  it('a deny for IPv6 only does not shadow IPv4 internet traffic', () => {
    const deny6 = nsgRule('deny-v6', {
      access: 'Deny',
      priority: 100,
      sourceAddressPrefix: '::/0',
      destinationPortRange: '22',
    });
    expect(statusFor(ssh, [allowSsh, deny6])).toBe('fail');
  });

  it('the default DenyAllInBound (65500) never shadows custom rules', () => {
    expect(statusFor(ssh, [allowSsh])).toBe('fail');
  });

  it('a deny without a priority cannot be shown to come first', () => {
    const deny = nsgRule('deny-ssh', {
      access: 'Deny',
      priority: undefined,
      sourceAddressPrefix: '*',
      destinationPortRange: '22',
    });
    expect(statusFor(ssh, [allowSsh, deny])).toBe('fail');
  });
});

describe('NSG rules: whole groups', () => {
  it('passes an NSG with only the default rules', () => {
    for (const rule of [ssh, rdp, http, udp, allPorts]) expect(statusFor(rule, [])).toBe('pass');
  });

  it('reports the first-evaluated exposing rule', () => {
    const late = nsgRule('late', { ...internet, priority: 900, destinationPortRange: '22' });
    const early = nsgRule('early', { ...internet, priority: 150, destinationPortRange: '20-30' });
    expect(reasonFor(ssh, [late, early])).toContain('Inbound rule early (priority 150)');
  });

  it('describes the UDP ports still open after denies', () => {
    const allowUdp = nsgRule('udp-range', {
      ...internet,
      protocol: 'Udp',
      priority: 300,
      destinationPortRange: '1000-2000',
    });
    const deny = nsgRule('deny-low', {
      access: 'Deny',
      protocol: 'Udp',
      priority: 100,
      sourceAddressPrefix: '*',
      destinationPortRange: '1000-1499',
    });
    expect(reasonFor(udp, [allowUdp, deny])).toBe(
      'Inbound rule udp-range (priority 300) allows UDP ports 1500-2000 from Internet.',
    );
  });

  it('flags all TCP ports open, and passes when a deny closes them all', () => {
    const allowAll = nsgRule('tcp-all', { ...internet, destinationPortRange: '0-65535', priority: 200 });
    expect(reasonFor(allPorts, [allowAll])).toBe(
      'Inbound rule tcp-all (priority 200) allows all TCP ports from Internet.',
    );
    const denyAll = nsgRule('deny-all', {
      access: 'Deny',
      protocol: '*',
      sourceAddressPrefix: '*',
      destinationPortRange: '*',
      priority: 100,
    });
    expect(statusFor(allPorts, [allowAll, denyAll])).toBe('pass');
  });

  it('does not call a wide but partial range "all ports"', () => {
    expect(statusFor(allPorts, [nsgRule('wide', { ...internet, destinationPortRange: '1024-65535' })])).toBe(
      'pass',
    );
  });
});

describeSubscriptionRules([
  {
    rule: networkWatcher,
    empty: 'not_applicable',
    pass: facts({
      locationsInUse: ['westeurope', 'eastus'],
      networkWatcherLocations: ['eastus', 'westeurope'],
    }),
    fail: facts({
      locationsInUse: ['westeurope', 'eastus', 'northeurope'],
      networkWatcherLocations: ['westeurope'],
    }),
    reason: /^No Network Watcher in regions eastus and northeurope/,
  },
]);

describe('network watcher regions', () => {
  it('ignores global and compares regions without case or spaces', () => {
    const f = facts({
      locationsInUse: ['global', 'East US', 'WestEurope'],
      networkWatcherLocations: ['eastus', 'westeurope'],
    });
    expect(networkWatcher.evaluate(f)).toEqual({ status: 'pass' });
  });

  it('names a single missing region', () => {
    const f = facts({ locationsInUse: ['uksouth'], networkWatcherLocations: [] });
    expect(reasonOf(networkWatcher.evaluate(f))).toBe(
      'No Network Watcher in region uksouth, where resources are deployed.',
    );
  });
});
