import { SEVERITIES, type Severity } from '../posture/rule';
import { FINDINGS_PAGE, findingsView } from '../sync/views';
import { targetOf } from './target';
import type { Verb } from './verb';

/** `findings <name> [severity]`: open findings worst first, with how to fix each, a page at a time. */
export const findings: Verb = {
  name: 'findings',
  usage: 'findings [‹name›] [severity]',
  summary: 'Posture findings, worst first, with how to fix each.',
  who: 'anyone',
  grammar: 'name severity?',
  listed: true,
  async run(deps, ctx, args) {
    const t = await targetOf(deps, ctx, 'findings', args.name);
    if (!t.ok) return t.reply;
    const severity = (SEVERITIES as readonly string[]).includes(args.severity ?? '')
      ? (args.severity as Severity)
      : undefined;
    const offset = Math.max(0, Math.min(1_000_000, Number.parseInt(args.offset ?? '0', 10) || 0));
    const page = await deps.store.findings.listOpen(ctx.workspace.id, t.connection.id, {
      ...(severity ? { severity } : {}),
      offset,
      limit: FINDINGS_PAGE,
    });
    const rules = new Map(deps.rules.map((r) => [r.id, r]));
    return { kind: 'report', view: findingsView(t.connection, { ...page, offset }, severity, rules) };
  },
};
