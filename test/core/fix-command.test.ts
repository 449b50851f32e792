import { fixCommand } from '../../src/core/present/fix-command';

const SUB = '9531985d-5d9d-49f8-9818-e811892f902b';
const id = (rest: string) => `/subscriptions/${SUB}/resourceGroups/rg-data/providers/${rest}`;

describe('the az command of a finding, ready to run', () => {
  it('fills in the resource group and the resource, whatever the rule calls it', () => {
    expect(
      fixCommand(
        'az storage account update --name <account> --resource-group <group> --allow-blob-public-access false',
        { resourceId: id('Microsoft.Storage/storageAccounts/stpublic') },
      ),
    ).toBe(
      'az storage account update --name stpublic --resource-group rg-data --allow-blob-public-access false',
    );
  });

  it('fills in a nested resource and its parent, and the subscription', () => {
    expect(
      fixCommand(
        'az sql db tde set --resource-group <group> --server <server> --database <database> --status Enabled --subscription <subscription-id>',
        {
          resourceId: id('Microsoft.Sql/servers/sql-1/databases/orders'),
        },
      ),
    ).toBe(
      `az sql db tde set --resource-group rg-data --server sql-1 --database orders --status Enabled --subscription ${SUB}`,
    );
  });

  it('shows what it cannot know as ‹placeholder›, never as <placeholder> (a shell redirect, dropped by cards)', () => {
    const out = fixCommand(
      'az network nsg rule delete --resource-group <group> --nsg-name <nsg> --name <rule>',
      {
        resourceId: id('Microsoft.Network/networkSecurityGroups/nsg-open'),
      },
    );
    expect(out).toBe('az network nsg rule delete --resource-group rg-data --nsg-name nsg-open --name ‹rule›');
    expect(out).not.toMatch(/[<>]/);
  });

  it('names the NSG rule or firewall rule at fault when the check named it', () => {
    expect(
      fixCommand('az network nsg rule delete --resource-group <group> --nsg-name <nsg> --name <rule>', {
        resourceId: id('Microsoft.Network/networkSecurityGroups/nsg-open'),
        subject: 'allow-rdp-any',
      }),
    ).toBe('az network nsg rule delete --resource-group rg-data --nsg-name nsg-open --name allow-rdp-any');
    expect(
      fixCommand('az security pricing create --name <plan> --tier standard', {
        resourceId: `/subscriptions/${SUB}/providers/Microsoft.Security/pricings/VirtualMachines`,
      }),
    ).toBe('az security pricing create --name VirtualMachines --tier standard');
  });

  it('never puts a value a shell would interpret into the command', () => {
    const out = fixCommand('az webapp update --resource-group <group> --name <app> --https-only true', {
      resourceId: `/subscriptions/${SUB}/resourceGroups/rg(prod);rm -rf ~/providers/Microsoft.Web/sites/app$(id)`,
    });
    expect(out).toBe('az webapp update --resource-group ‹group› --name ‹app› --https-only true');
  });

  it('leaves subscription-wide commands with their placeholders when the finding has no group', () => {
    expect(
      fixCommand('az monitor activity-log alert create --resource-group <group> --name <alert>', {
        resourceId: `/subscriptions/${SUB}`,
      }),
    ).toBe('az monitor activity-log alert create --resource-group ‹group› --name ‹alert›');
  });
});
