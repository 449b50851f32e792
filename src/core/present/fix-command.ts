/**
 * A rule's `az` command made ready for one finding: the placeholders the finding can answer
 * (subscription, resource group, the resource and its parent, the rule at fault) filled in, the others shown as
 * ‹placeholder› (a chat card may drop `<…>`, and a shell would read `<rule>` as a redirect).
 * A value is filled in only when it is made of characters a shell takes literally.
 */

/** Placeholders that name the resource itself (or, for a nested resource, its parent). */
const RESOURCE = new Set([
  'account',
  'app',
  'cluster',
  'disk',
  'nsg',
  'plan',
  'registry',
  'server',
  'vault',
  'vm',
]);
/** Placeholders that name a nested resource (a SQL database below its server). */
const NESTED = new Set(['database']);

const SHELL_SAFE = /^[A-Za-z0-9._-]{1,128}$/;

interface Parts {
  subscription?: string;
  group?: string;
  parent?: string;
  nested?: string;
}

function partsOf(resourceId: string): Parts {
  const seg = resourceId.split('/');
  const at = (name: string) => {
    const i = seg.findIndex((s) => s.toLowerCase() === name);
    return i >= 0 ? seg[i + 1] : undefined;
  };
  const p = seg.findIndex((s) => s.toLowerCase() === 'providers');
  // providers/{namespace}/{type}/{name}[/{childType}/{childName}]
  const parent = p >= 0 ? seg[p + 3] : undefined;
  const nested = p >= 0 ? seg[p + 5] : undefined;
  const subscription = at('subscriptions');
  const group = at('resourcegroups');
  return {
    ...(subscription ? { subscription } : {}),
    ...(group ? { group } : {}),
    ...(parent ? { parent } : {}),
    ...(nested ? { nested } : {}),
  };
}

export function fixCommand(cli: string, finding: { resourceId: string; subject?: string }): string {
  const parts = partsOf(finding.resourceId);
  return cli.replace(/<([a-z][a-z-]*)>/g, (whole, name: string) => {
    let value: string | undefined;
    if (name === 'subscription-id') value = parts.subscription;
    else if (name === 'group') value = parts.group;
    else if (RESOURCE.has(name)) value = parts.parent;
    else if (NESTED.has(name)) value = parts.nested;
    // The part at fault (the NSG rule, the firewall rule), when the rule named it.
    else if (name === 'rule') value = finding.subject;
    return value && SHELL_SAFE.test(value) ? value : `‹${whole.slice(1, -1)}›`;
  });
}
