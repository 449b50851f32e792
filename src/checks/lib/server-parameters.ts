/** PostgreSQL / MySQL flexible server parameters (`configurations`: `[{ name, properties: { value } }]`). */

import type { ResourceModel } from '../../core/posture/rule';
import { childList, entryProps } from './children';
import { asString, eqi, field } from './props';

export type ParameterLookup =
  | { read: false }
  | { read: true; found: false }
  | { read: true; found: true; value: string | undefined };

/** One parameter's value; tells "configurations not read" apart from "parameter not listed". */
export function serverParameter(server: ResourceModel, name: string): ParameterLookup {
  const configurations = childList(server, 'configurations');
  if (configurations === undefined) return { read: false };
  const entry = configurations.find(
    (c) => eqi(field(c, 'name'), name) || eqi(field(entryProps(c), 'name'), name),
  );
  if (entry === undefined) return { read: true, found: false };
  return { read: true, found: true, value: asString(field(entryProps(entry), 'value')) };
}

/** `ON`, `on`, `1`, `true` (MySQL and PostgreSQL spell booleans several ways). */
export function isOn(value: string | undefined): boolean {
  return eqi(value, 'on', '1', 'true');
}
