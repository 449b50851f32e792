import { formValues } from '../../src/core/connect/form';
import { validateConnectInput } from '../../src/core/validate-connect-input';

const good = {
  name: '  Production ',
  description: 'Main subscription',
  subscriptionId: 'A1B2C3D4-0000-4000-8000-000000000001',
  clientId: '{a1b2c3d4-0000-4000-8000-000000000002}',
  clientSecret: ' Abc8Q~abcdefghijklmnopqrstuvwxyz0123456 ',
  tenantId: 'contoso.onmicrosoft.com',
};

function errorsOf(raw: Record<string, unknown>) {
  const r = validateConnectInput(raw);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

describe('connect form validation (SPEC 1.1)', () => {
  it('accepts a good form and normalises it (trim, lower-case GUIDs, braces)', () => {
    const r = validateConnectInput(good);
    expect(r).toEqual({
      ok: true,
      value: {
        name: 'Production',
        description: 'Main subscription',
        subscriptionId: 'a1b2c3d4-0000-4000-8000-000000000001',
        clientId: 'a1b2c3d4-0000-4000-8000-000000000002',
        clientSecret: 'Abc8Q~abcdefghijklmnopqrstuvwxyz0123456',
        tenantId: 'contoso.onmicrosoft.com',
      },
    });
  });

  it('names every missing required field', () => {
    const fields = errorsOf({}).map((e) => e.field);
    expect(fields).toEqual(['name', 'subscriptionId', 'clientId', 'tenantId', 'clientSecret']);
  });

  it('explains a GUID that is not one, with an example and where to find it', () => {
    const [e] = errorsOf({ ...good, subscriptionId: '1234' });
    expect(e).toMatchObject({ field: 'subscriptionId' });
    expect(e?.message).toMatch(/GUID like 00000000-0000-0000-0000-000000000000/);
    expect(e?.message).toMatch(/Subscriptions/);
  });

  it('accepts a tenant GUID or a verified domain, and rejects anything else', () => {
    expect(validateConnectInput({ ...good, tenantId: 'A1B2C3D4-0000-4000-8000-0000000000FF' }).ok).toBe(true);
    const [e] = errorsOf({ ...good, tenantId: 'contoso' });
    expect(e).toMatchObject({ field: 'tenantId' });
    expect(e?.message).toMatch(/contoso\.onmicrosoft\.com/);
  });

  it("flags a secret that is a GUID as the secret's ID", () => {
    const [e] = errorsOf({ ...good, clientSecret: 'a1b2c3d4-0000-4000-8000-00000000abcd' });
    expect(e).toMatchObject({ field: 'clientSecret' });
    expect(e?.message).toMatch(/secret's ID/);
    expect(e?.message).toMatch(/Value/);
  });

  it('rejects a secret with spaces inside, and never echoes the secret', () => {
    const errors = errorsOf({ ...good, clientSecret: 'Abc8Q~abc def' });
    expect(errors[0]?.field).toBe('clientSecret');
    expect(JSON.stringify(errors)).not.toContain('Abc8Q~abc');
  });

  it('enforces the name and description lengths', () => {
    expect(errorsOf({ ...good, name: 'x'.repeat(65) })[0]?.message).toMatch(/65 characters; keep it to 64/);
    expect(errorsOf({ ...good, description: 'x'.repeat(257) })[0]?.field).toBe('description');
    expect(validateConnectInput({ ...good, name: 'x'.repeat(64), description: 'y'.repeat(256) }).ok).toBe(
      true,
    );
  });

  it('catches the tenant pasted as client id or subscription id', () => {
    const t = 'a1b2c3d4-0000-4000-8000-0000000000aa';
    expect(errorsOf({ ...good, tenantId: t, clientId: t })[0]?.message).toMatch(/same as the Tenant ID/);
    expect(errorsOf({ ...good, tenantId: t, subscriptionId: t })[0]?.field).toBe('subscriptionId');
  });

  it('checks the optional expiry date', () => {
    expect(validateConnectInput({ ...good, secretExpiresOn: '2027-02-28' }).ok).toBe(true);
    expect(errorsOf({ ...good, secretExpiresOn: '2027-02-30' })[0]?.field).toBe('secretExpiresOn');
    expect(errorsOf({ ...good, secretExpiresOn: '28/02/2027' })[0]?.message).toMatch(/2027-03-31/);
  });

  it('ignores values of the wrong type instead of crashing', () => {
    expect(errorsOf({ ...good, name: 42, clientSecret: { x: 1 } }).map((e) => e.field)).toEqual([
      'name',
      'clientSecret',
    ]);
  });
});

describe('a secret pasted into the wrong field', () => {
  const secret = 'Ohb9Q~JFCrnl2edlBD.dz1C5Jau2RJtBRnlWmTSH';

  it('is refused in every other field, saying where it belongs, and never echoed', () => {
    for (const field of ['name', 'description', 'subscriptionId', 'clientId', 'tenantId'] as const) {
      const errors = errorsOf({ ...good, [field]: field === 'description' ? `prod ${secret}` : secret });
      expect(errors).toEqual([{ field, message: expect.stringMatching(/looks like a client secret/) }]);
      expect(JSON.stringify(errors)).not.toContain(secret);
    }
  });

  it('is left out of the values shown again in the form', () => {
    const shown = formValues({
      ...good,
      clientId: secret,
      description: `see ${secret}`,
      tenantId: 'x'.repeat(40),
    });
    expect(JSON.stringify(shown)).not.toContain(secret);
    expect(shown).toEqual({
      name: 'Production',
      subscriptionId: good.subscriptionId.trim(),
      tenantId: 'x'.repeat(40),
    });
    // Something that is no attempt at a GUID (an older-format secret, say) is not shown again either.
    expect(formValues({ clientId: 'p@ss:w0rd/with+symbols' })).toEqual({});
    expect(formValues({ tenantId: 'contoso.onmicrosoft.com', clientId: '{A1B2-}' })).toEqual({
      tenantId: 'contoso.onmicrosoft.com',
      clientId: '{A1B2-}',
    });
  });
});
