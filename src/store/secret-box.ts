import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for the secrets at rest (SPEC 2). A token is `v1:<iv>:<tag>:<ciphertext>`
 * (base64 parts, a fresh 12-byte IV each time). The additional authenticated data binds a
 * token to its owner (the connection id), so a ciphertext moved to another row fails.
 */

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

/** The tag did not verify: another key, another owner (aad), or a tampered token. */
export class SecretKeyMismatchError extends Error {
  override readonly name = 'SecretKeyMismatchError';
  constructor() {
    super(
      'the secret does not decrypt with this key: wrong OSTO_ENCRYPTION_KEY, or the ciphertext was altered',
    );
  }
}

/** The stored value is not a token this version can read (never echoes the value). */
export class SecretFormatError extends Error {
  override readonly name = 'SecretFormatError';
  constructor(reason: string) {
    super(`the stored secret is not a valid encrypted token: ${reason}`);
  }
}

export class SecretBox {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES)
      throw new Error(`the encryption key must be ${KEY_BYTES} bytes, got ${key.length}`);
    this.key = Buffer.from(key);
  }

  encrypt(plaintext: string, aad: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, iv.toString('base64'), tag.toString('base64'), ciphertext.toString('base64')].join(':');
  }

  decrypt(token: string, aad: string): string {
    const parts = token.split(':');
    if (parts.length !== 4) throw new SecretFormatError('expected 4 parts');
    const [version, ivB64, tagB64, ctB64] = parts as [string, string, string, string];
    if (version !== VERSION) throw new SecretFormatError(`unknown version "${version.slice(0, 8)}"`);
    const iv = Buffer.from(ivB64, 'base64');
    const tag = Buffer.from(tagB64, 'base64');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES)
      throw new SecretFormatError('bad iv or tag length');
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    const ciphertext = Buffer.from(ctB64, 'base64');
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretKeyMismatchError();
    }
  }
}
