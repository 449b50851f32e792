/**
 * Text that looks like an Entra ID client secret Value (the current format: three characters,
 * a digit, `Q~`, then 31+ more). Used to keep a secret pasted into the wrong field out of
 * cards, the database and logs.
 */
export const CLIENT_SECRET_SHAPE = /[A-Za-z0-9_.~-]{3}\dQ~[A-Za-z0-9_.~-]{31,}/;

export function containsClientSecret(text: string): boolean {
  return CLIENT_SECRET_SHAPE.test(text);
}

const GUID_ATTEMPT = /^[\s{]*[0-9a-fA-F-]*[}\s]*$/;
const DOMAIN_ATTEMPT = /^[\s]*[A-Za-z0-9.-]*[\s]*$/;

/**
 * May this value of an id field be shown again? Only what looks like an attempt at the id
 * itself (hex and dashes; for the tenant also a domain): anything else may be a secret
 * pasted into the wrong field, and a card sent back stays in the conversation's history.
 */
export function showableId(value: string, allowDomain: boolean): boolean {
  return GUID_ATTEMPT.test(value) || (allowDomain && DOMAIN_ATTEMPT.test(value));
}
