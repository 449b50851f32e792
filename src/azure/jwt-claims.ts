/** The claims of an access token the bot reads (it does not verify them: it got the token itself over TLS). */
export interface TokenClaims {
  oid?: string;
  tid?: string;
  appid?: string;
  aud?: string;
}

export function readClaims(token: string): TokenClaims {
  const payload = token.split('.')[1];
  if (!payload) return {};
  try {
    const parsed: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as TokenClaims) : {};
  } catch {
    return {};
  }
}
