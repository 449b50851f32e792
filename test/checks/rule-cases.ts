/** The three tests every rule gets: nothing to judge, a passing case, a failing case with its reason. */

import type {
  ResourceModel,
  ResourceRule,
  SubscriptionFacts,
  SubscriptionRule,
  Verdict,
} from '../../src/core/posture/rule';
import { facts, judge, reasonOf } from './fixtures';

export interface ResourceCase {
  rule: ResourceRule;
  pass: ResourceModel;
  fail: ResourceModel;
  /** What the reason must say: the resource's setting. */
  reason: RegExp;
  /**
   * The reason names the resource (default). NSG reasons name the offending security rule
   * instead, as the finding is already attached to the group.
   */
  namesResource?: boolean;
}

export interface SubscriptionCase {
  rule: SubscriptionRule;
  /** The verdict for a subscription with no facts at all. */
  empty: Verdict['status'];
  pass: SubscriptionFacts;
  fail: SubscriptionFacts;
  reason: RegExp;
}

export function describeResourceRules(cases: ResourceCase[]): void {
  describe.each(cases.map((c) => [c.rule.id, c] as const))('%s', (_id, c) => {
    it('yields no verdicts when there are no resources', () => {
      expect(judge(c.rule, [])).toEqual([]);
    });

    it('passes a compliant resource', () => {
      expect(judge(c.rule, [c.pass])).toEqual([{ status: 'pass' }]);
    });

    it('fails a non-compliant resource, naming the setting', () => {
      const [verdict] = judge(c.rule, [c.fail]);
      expect(verdict?.status).toBe('fail');
      const reason = reasonOf(verdict ?? { status: 'pass' });
      expect(reason).toMatch(c.reason);
      if (c.namesResource !== false) expect(reason).toContain(c.fail.name);
      expect(reason.length).toBeLessThan(200);
    });
  });
}

export function describeSubscriptionRules(cases: SubscriptionCase[]): void {
  describe.each(cases.map((c) => [c.rule.id, c] as const))('%s', (_id, c) => {
    it('judges a subscription with no facts', () => {
      expect(c.rule.evaluate(facts()).status).toBe(c.empty);
    });

    it('passes a compliant subscription', () => {
      expect(c.rule.evaluate(c.pass)).toEqual({ status: 'pass' });
    });

    it('fails a non-compliant subscription, naming what is missing', () => {
      const reason = reasonOf(c.rule.evaluate(c.fail));
      expect(reason).toMatch(c.reason);
      expect(reason.length).toBeLessThan(200);
    });
  });
}
