import { parseIpv4, rulesOpeningWholeInternet } from '../../../src/checks/lib/ip';
import {
  coversAllPorts,
  formatPorts,
  parsePortRange,
  parsePorts,
  subtract,
} from '../../../src/checks/lib/ports';
import { asBool, asNumber, field, listNames, path, shown, tlsVersion } from '../../../src/checks/lib/props';
import { fail, MAX_REASON } from '../../../src/checks/lib/verdict';

describe('ports', () => {
  it.each([
    ['22', [22, 22]],
    [' 22 ', [22, 22]],
    ['*', [0, 65535]],
    ['0-65535', [0, 65535]],
    ['3380-3390', [3380, 3390]],
    ['3380 - 3390', [3380, 3390]],
    [443, [443, 443]],
  ] as const)('parses %j', (input, expected) => {
    expect(parsePortRange(input)).toEqual(expected);
  });

  it.each(['', 'ssh', '22-', '-22', '30-20', '70000', '1-70000', null, {}, 22.5, -1])(
    'rejects %j',
    (input) => {
      expect(parsePortRange(input)).toBeUndefined();
    },
  );

  it('merges, subtracts and formats ranges', () => {
    expect(parsePorts(['80', '81-90', '22,23', 'junk'])).toEqual([
      [22, 23],
      [80, 90],
    ]);
    expect(
      subtract(
        [[0, 65535]],
        [
          [22, 22],
          [100, 200],
        ],
      ),
    ).toEqual([
      [0, 21],
      [23, 99],
      [201, 65535],
    ]);
    expect(coversAllPorts([[1, 65535]])).toBe(true);
    expect(coversAllPorts([[2, 65535]])).toBe(false);
    expect(
      formatPorts([
        [22, 22],
        [80, 80],
        [443, 443],
        [8080, 8090],
      ]),
    ).toBe('22, 80, 443, …');
  });
});

describe('props', () => {
  it('reads keys exactly first, then case-insensitively, and never throws on non-objects', () => {
    expect(field({ state: 'a', State: 'b' }, 'State')).toBe('b');
    expect(field({ STATE: 'x' }, 'state')).toBe('x');
    expect(path(null, 'a', 'b')).toBeUndefined();
    expect(path([1, 2], 'length')).toBeUndefined();
    expect(path('text', 'length')).toBeUndefined();
  });

  it('coerces booleans and numbers conservatively', () => {
    expect(asBool('TRUE')).toBe(true);
    expect(asBool('yes')).toBeUndefined();
    expect(asBool(1)).toBeUndefined();
    expect(asNumber('90')).toBe(90);
    expect(asNumber('90 days')).toBeUndefined();
    expect(asNumber(Number.NaN)).toBeUndefined();
  });

  it.each([
    ['TLS1_2', 1.2],
    ['tls1_3', 1.3],
    ['1.2', 1.2],
    ['1.0', 1.0],
    ['Tls12', 1.2],
    ['Tls', undefined],
    ['TLS 1.1', 1.1],
    ['None', undefined],
    [1.2, 1.2],
    [12, undefined],
    [null, undefined],
  ] as const)('reads TLS version %j', (input, expected) => {
    expect(tlsVersion(input)).toBe(expected);
  });

  it('lists names and shows values', () => {
    expect(listNames(['a'])).toBe('a');
    expect(listNames(['a', 'b'])).toBe('a and b');
    expect(listNames(['a', 'b', 'c'])).toBe('a, b and c');
    expect(listNames(['a', 'b', 'c', 'd'])).toBe('a, b, c and 1 more');
    expect(shown(undefined)).toBe('not set');
    expect(shown(false)).toBe('false');
    expect(shown({ a: 1 })).toBe('an unexpected value');
  });

  it('keeps fail reasons short', () => {
    const verdict = fail('x'.repeat(500));
    expect(verdict.status === 'fail' && verdict.reason.length).toBe(MAX_REASON);
  });
});

describe('ip', () => {
  it('parses dotted IPv4 addresses only', () => {
    expect(parseIpv4('255.255.255.255')).toBe(4294967295);
    expect(parseIpv4('0.0.0.0')).toBe(0);
    expect(parseIpv4('256.0.0.1')).toBeUndefined();
    expect(parseIpv4('::1')).toBeUndefined();
    expect(parseIpv4(42)).toBeUndefined();
  });

  it('finds the rules that open the whole internet', () => {
    const r = (name: string, a: string, b: string) => ({
      name,
      start: parseIpv4(a) ?? -1,
      end: parseIpv4(b) ?? -1,
    });
    expect(
      rulesOpeningWholeInternet([r('all', '0.0.0.0', '255.255.255.255'), r('x', '1.1.1.1', '1.1.1.1')]).map(
        (x) => x.name,
      ),
    ).toEqual(['all']);
    expect(
      rulesOpeningWholeInternet([
        r('b', '100.0.0.0', '255.255.255.255'),
        r('a', '0.0.0.0', '100.0.0.0'),
        r('c', '5.0.0.0', '6.0.0.0'),
      ]).map((x) => x.name),
    ).toEqual(['a', 'b']);
    expect(
      rulesOpeningWholeInternet([
        r('a', '0.0.0.0', '99.255.255.255'),
        r('b', '100.0.0.1', '255.255.255.255'),
      ]),
    ).toEqual([]);
  });
});
