import { SecretBox, SecretFormatError, SecretKeyMismatchError } from '../../src/store/secret-box';
import { key } from './store-fixtures';

describe('SecretBox (AES-256-GCM)', () => {
  const box = new SecretBox(key(1));

  it('round-trips, with a versioned token and a fresh IV each time', () => {
    const a = box.encrypt('hunter2', 'conn-1');
    const b = box.encrypt('hunter2', 'conn-1');
    expect(a).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(box.decrypt(a, 'conn-1')).toBe('hunter2');
    expect(box.decrypt(b, 'conn-1')).toBe('hunter2');
  });

  it('refuses another key, another owner (aad) and a tampered token', () => {
    const token = box.encrypt('hunter2', 'conn-1');
    expect(() => new SecretBox(key(2)).decrypt(token, 'conn-1')).toThrow(SecretKeyMismatchError);
    expect(() => box.decrypt(token, 'conn-2')).toThrow(SecretKeyMismatchError);
    const parts = token.split(':');
    const ct = Buffer.from(parts[3] as string, 'base64');
    ct[0] = (ct[0] as number) ^ 1;
    const tampered = [parts[0], parts[1], parts[2], ct.toString('base64')].join(':');
    expect(() => box.decrypt(tampered, 'conn-1')).toThrow(SecretKeyMismatchError);
  });

  it('rejects malformed tokens without echoing them', () => {
    expect(() => box.decrypt('plain-secret-value', 'x')).toThrow(SecretFormatError);
    expect(() => box.decrypt('v9:a:b:c', 'x')).toThrow(SecretFormatError);
    try {
      box.decrypt('plain-secret-value', 'x');
    } catch (e) {
      expect((e as Error).message).not.toContain('plain-secret-value');
    }
  });

  it('wants a 32-byte key', () => {
    expect(() => new SecretBox(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});
