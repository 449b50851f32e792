import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/** Runs dependency-cruiser with the project's own config, as `npm test` does, and returns the violations. */
function cruise(target: string): { rule: string; from: string; to: string }[] {
  const bin = resolve('node_modules/.bin/depcruise');
  let out: string;
  try {
    out = execFileSync(bin, [target, '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    out = (e as { stdout: string }).stdout;
  }
  const result = JSON.parse(out) as {
    summary: { violations: { rule: { name: string }; from: string; to: string }[] };
  };
  return result.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
}

describe('layer rules (dependency-cruiser)', () => {
  const violations = cruise('test/fixtures/layers/src');

  it('rejects core importing botbuilder', () => {
    expect(violations).toContainEqual(
      expect.objectContaining({
        rule: 'core-imports-no-package',
        from: expect.stringContaining('imports-botbuilder.ts'),
      }),
    );
  });

  it('rejects core importing another folder of src/', () => {
    expect(violations).toContainEqual(
      expect.objectContaining({
        rule: 'core-imports-only-core',
        from: expect.stringContaining('imports-store.ts'),
      }),
    );
  });

  it('rejects one channel importing another', () => {
    expect(violations).toContainEqual(
      expect.objectContaining({
        rule: 'channels-stay-apart',
        from: expect.stringContaining('uses-slack.ts'),
      }),
    );
  });

  it('accepts core importing only Node built-ins', () => {
    expect(violations.filter((v) => v.from.includes('clean.ts'))).toEqual([]);
  });

  it('finds no violation in the real src/', () => {
    expect(cruise('src')).toEqual([]);
  });
});
