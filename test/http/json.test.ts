import fc from 'fast-check';
import { HttpError } from '../../src/http/errors';
import { jsonDepth, parseJsonObject } from '../../src/http/json';

describe('JSON bodies', () => {
  it('measures nesting and ignores brackets inside strings', () => {
    expect(jsonDepth('{}')).toBe(1);
    expect(jsonDepth('{"a":[{"b":1}]}')).toBe(3);
    expect(jsonDepth('{"a":"[[[[{{{{\\"]]]"}')).toBe(1);
    expect(jsonDepth('1')).toBe(0);
  });

  it.each([
    ['null', /JSON object/],
    ['[1]', /JSON object/],
    ['"text"', /JSON object/],
    ['{"a":', /not valid JSON/],
    [`${'['.repeat(100)}${']'.repeat(100)}`, /nested more than 32/],
  ])('refuses %s with a 400 and a reason', (text, reason) => {
    expect(() => parseJsonObject(text)).toThrow(HttpError);
    expect(() => parseJsonObject(text)).toThrow(reason);
  });

  it('for any JSON text, either returns an object or throws a 400 (never anything else)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string()), (text) => {
        try {
          const v = parseJsonObject(text);
          return typeof v === 'object' && v !== null && !Array.isArray(v);
        } catch (e) {
          return e instanceof HttpError && e.status === 400 && e.reason.length > 0;
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
