import { parseCommand } from '../../src/core/commands';

describe('command grammar (SPEC 1.5), parsed once for every channel', () => {
  it.each([
    ['/osto connect azure', { kind: 'connect', provider: 'azure' }],
    ['@Osto connect azure', { kind: 'connect', provider: 'azure' }],
    ['connect azure', { kind: 'connect', provider: 'azure' }],
    ['  Connect   AZURE ', { kind: 'connect', provider: 'azure' }],
    ['connect', { kind: 'connect', provider: 'azure' }],
    ['osto: status', { kind: 'status' }],
    ['status Production EU', { kind: 'status', name: 'Production EU' }],
    ['/osto', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['', { kind: 'help' }],
    ['connect aws', { kind: 'connect_unsupported', provider: 'aws' }],
    ['sync Production', { kind: 'planned', verb: 'sync', args: 'Production' }],
    ['disconnect Production', { kind: 'planned', verb: 'disconnect', args: 'Production' }],
  ])('%j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it('answers unknown input with a "did you mean" for near misses', () => {
    expect(parseCommand('stauts')).toEqual({ kind: 'unknown', text: 'stauts', didYouMean: 'status' });
    expect(parseCommand('conect azure')).toMatchObject({ kind: 'unknown', didYouMean: 'connect azure' });
    expect(parseCommand('hlep')).toMatchObject({ didYouMean: 'help' });
    expect(parseCommand('what is the weather')).toEqual({ kind: 'unknown', text: 'what is the weather' });
  });

  it('does not mistake a word starting with "osto" for the prefix', () => {
    expect(parseCommand('ostopia')).toMatchObject({ kind: 'unknown', text: 'ostopia' });
  });
});
