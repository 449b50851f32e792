/**
 * Sub-resources under `ResourceModel.children`. Absent (or null) means the sync did not read it:
 * rules that need it answer not_applicable rather than guess.
 */

import type { ChildKind, ResourceModel } from '../../core/posture/rule';
import { field, isRecord } from './props';

/** The raw child read for `kind`, or `undefined` when it was not read. */
export function child(resource: ResourceModel, kind: ChildKind): unknown {
  const value = field(field(resource, 'children'), kind);
  return value === null ? undefined : value;
}

/**
 * A child that is a list (firewall rules, configurations, keys, administrators): the array itself,
 * or the `value` array of an ARM list envelope. `undefined` when not read or not a list.
 */
export function childList(resource: ResourceModel, kind: ChildKind): unknown[] | undefined {
  const value = child(resource, kind);
  if (Array.isArray(value)) return value;
  const inner = field(value, 'value');
  return Array.isArray(inner) ? inner : undefined;
}

/**
 * The properties of a child that is one object (auditing settings, TDE, web config, blob service).
 * Accepts `{ properties: {...} }`, the flat object, or a list whose first entry is such an object.
 * `undefined` when not read or not an object.
 */
export function childProps(resource: ResourceModel, kind: ChildKind): Record<string, unknown> | undefined {
  let value = child(resource, kind);
  if (Array.isArray(value)) value = value[0];
  else if (Array.isArray(field(value, 'value'))) value = (field(value, 'value') as unknown[])[0];
  if (!isRecord(value)) return undefined;
  const props = field(value, 'properties');
  return isRecord(props) ? props : value;
}

/** The `properties` of one entry of a child list (or the entry itself when flat). */
export function entryProps(entry: unknown): Record<string, unknown> {
  const props = field(entry, 'properties');
  if (isRecord(props)) return props;
  return isRecord(entry) ? entry : {};
}
