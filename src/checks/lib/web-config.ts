/** App Service site configuration: the `config/web` child, else the site's inline `siteConfig`. */

import type { ResourceModel } from '../../core/posture/rule';
import { childProps } from './children';
import { field, isRecord, prop } from './props';

/**
 * The site config holding `key`: the `webConfig` child when read, else `properties.siteConfig`
 * when that carries the key (list responses usually leave it null). `undefined` when neither was
 * read; rules then answer not applicable.
 */
export function siteConfig(site: ResourceModel, key: string): Record<string, unknown> | undefined {
  const fromChild = childProps(site, 'webConfig');
  if (fromChild !== undefined) return fromChild;
  const inline = prop(site, 'siteConfig');
  if (isRecord(inline) && field(inline, key) !== undefined && field(inline, key) !== null) return inline;
  return undefined;
}
