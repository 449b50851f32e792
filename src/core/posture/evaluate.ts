/**
 * The one loop over resources: each resource the sync streams is judged by the rules of its
 * type, at once, and only the findings are kept (memory stays flat however many resources).
 */
import type {
  ResourceModel,
  ResourceRule,
  Rule,
  Severity,
  SubscriptionFacts,
  SubscriptionRule,
  Verdict,
} from './rule';

/** A rule that failed on a resource, as the sync saw it. */
export interface FindingInput {
  ruleId: string;
  severity: Severity;
  resourceId: string;
  resourceName: string;
  resourceType: string;
  resourceGroup?: string;
  /** What is wrong on this resource, in one sentence. */
  reason: string;
  /** The part of the resource at fault (an NSG rule, a firewall rule), when one is. */
  subject?: string;
}

export class PostureEvaluator {
  private readonly byType = new Map<string, ResourceRule[]>();
  private readonly subscriptionRules: SubscriptionRule[] = [];
  private readonly found = new Map<string, FindingInput>();
  /** Resources judged by at least one rule. */
  judged = 0;

  constructor(rules: readonly Rule[]) {
    for (const r of rules) {
      if (r.scope === 'subscription') this.subscriptionRules.push(r);
      else {
        const t = r.resourceType.toLowerCase();
        const list = this.byType.get(t) ?? [];
        list.push(r);
        this.byType.set(t, list);
      }
    }
  }

  /** Judges one resource with every rule of its type; a rule that throws judges nothing. */
  resource(r: ResourceModel): void {
    const rules = this.byType.get(r.type.toLowerCase());
    if (!rules) return;
    this.judged += 1;
    for (const rule of rules)
      this.judge(rule, () => rule.evaluate(r), {
        resourceId: r.id,
        resourceName: r.name,
        resourceType: r.type,
        ...(r.resourceGroup ? { resourceGroup: r.resourceGroup } : {}),
      });
  }

  /** Judges the subscription as a whole (once per sync). */
  subscription(facts: SubscriptionFacts, subscriptionName: string): void {
    for (const rule of this.subscriptionRules)
      this.judge(rule, () => rule.evaluate(facts), {
        resourceId: `/subscriptions/${facts.subscriptionId}`,
        resourceName: subscriptionName,
        resourceType: 'Microsoft.Resources/subscriptions',
      });
  }

  /** One rule's verdict on one subject; a failure is kept as a finding, a throw as nothing. */
  private judge(
    rule: Rule,
    evaluate: () => Verdict,
    on: Pick<FindingInput, 'resourceId' | 'resourceName' | 'resourceType' | 'resourceGroup'>,
  ): void {
    let verdict: Verdict;
    try {
      verdict = evaluate();
    } catch {
      return;
    }
    if (verdict.status !== 'fail') return;
    this.add({
      ruleId: rule.id,
      severity: rule.severity,
      ...on,
      reason: verdict.reason,
      ...(verdict.subject ? { subject: verdict.subject } : {}),
    });
  }

  private add(f: FindingInput): void {
    this.found.set(`${f.ruleId}|${f.resourceId.toLowerCase()}`, f);
  }

  findings(): FindingInput[] {
    return [...this.found.values()];
  }
}
