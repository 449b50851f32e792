import type { ResourceRule } from '../../core/posture/rule';
import { childProps } from '../lib/children';
import { asString, eqi, field, lastSegment, nameOf, shown } from '../lib/props';
import { fail, notApplicable, pass } from '../lib/verdict';

/**
 * Reads the database's transparent data encryption. Passes on state Enabled; a missing state fails.
 * Not applicable to `master` (TDE cannot be set there) or when TDE was not read.
 */
export const rule: ResourceRule = {
  id: 'sql-database-tde-enabled',
  title: 'SQL databases encrypt data at rest (transparent data encryption)',
  severity: 'high',
  cis: ['CIS 2.1 4.1.5', 'CIS 3.0 5.1.5'],
  rationale:
    'Transparent data encryption encrypts database files, backups and logs at rest, so stolen files or backups cannot be read.',
  remediation: {
    portal: [
      'Open the SQL database in the Azure portal.',
      'Under Security, select Transparent data encryption.',
      'Set Data encryption to On and select Save.',
    ],
    cli: 'az sql db tde set --resource-group <group> --server <server> --database <database> --status Enabled',
  },
  scope: 'resource',
  resourceType: 'Microsoft.Sql/servers/databases',
  needs: ['transparentDataEncryption'],
  evaluate(database) {
    const name = asString(field(database, 'name'));
    if (name !== undefined && lastSegment(name).toLowerCase() === 'master') return notApplicable();
    const tde = childProps(database, 'transparentDataEncryption');
    if (tde === undefined) return notApplicable();
    const state = field(tde, 'state');
    if (eqi(state, 'Enabled')) return pass();
    return fail(`SQL database ${nameOf(database)} is not encrypted at rest (TDE state is ${shown(state)}).`);
  },
};
