import { parseCommand } from '../../src/core/commands/parse';

describe('command grammar (SPEC 1.5), parsed once from the verb table for every channel', () => {
  it.each([
    ['/osto connect azure', 'connect', { provider: 'azure' }],
    ['@Osto connect azure', 'connect', { provider: 'azure' }],
    ['connect azure', 'connect', { provider: 'azure' }],
    ['  Connect   AZURE ', 'connect', { provider: 'azure' }],
    ['connect', 'connect', { provider: 'azure' }],
    ['connect aws', 'connect', { provider: 'aws' }],
    ['osto: status', 'status', {}],
    ['status Production EU', 'status', { name: 'Production EU' }],
    ['/osto', 'help', {}],
    ['help', 'help', {}],
    ['', 'help', {}],
    ['sync Production', 'sync', { name: 'Production' }],
    ['findings Prod EU critical', 'findings', { name: 'Prod EU', severity: 'critical' }],
    ['findings Prod EU', 'findings', { name: 'Prod EU' }],
    ['findings HIGH', 'findings', { severity: 'high' }],
    ['notify Prod off', 'notify', { name: 'Prod', level: 'off' }],
    ['disconnect Production', 'disconnect', { name: 'Production' }],
  ])('%j → %s %j', (text, verb, args) => {
    expect(parseCommand(text)).toEqual({ ok: true, run: { verb, args } });
  });

  it('answers unknown input with a "did you mean" for near misses', () => {
    expect(parseCommand('stauts')).toEqual({ ok: false, text: 'stauts', didYouMean: 'status' });
    expect(parseCommand('conect azure')).toMatchObject({ ok: false, didYouMean: 'connect azure' });
    expect(parseCommand('hlep')).toMatchObject({ didYouMean: 'help' });
    expect(parseCommand('what is the weather')).toEqual({ ok: false, text: 'what is the weather' });
  });

  it('does not mistake a word starting with "osto" for the prefix', () => {
    expect(parseCommand('ostopia')).toMatchObject({ ok: false, text: 'ostopia' });
  });
});
