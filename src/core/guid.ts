const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** A GUID as Azure prints it; surrounding braces (as some tools copy them) are accepted. */
export function normalizeGuid(raw: string): string | undefined {
  const s = raw.trim().replace(/^\{(.*)\}$/, '$1');
  return GUID.test(s) ? s.toLowerCase() : undefined;
}

/** A verified domain of a tenant, such as contoso.onmicrosoft.com. */
export function isDomainName(raw: string): boolean {
  return DOMAIN.test(raw.trim());
}
