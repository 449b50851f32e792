import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewConnection } from '../../src/core/connection';
import type { Logger } from '../../src/core/ports';

/** A fresh temp dir per test, removed afterwards. */
export function useTempDir(): () => string {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'osto-store-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return () => dir;
}

export interface LogCall {
  level: 'debug' | 'info' | 'warn' | 'error';
  obj: object;
  msg?: string;
}

/** A logger that remembers every call. */
export function fakeLogger(): Logger & { calls: LogCall[] } {
  const calls: LogCall[] = [];
  const at =
    (level: LogCall['level']) =>
    (obj: object, msg?: string): void => {
      calls.push({ level, obj, ...(msg === undefined ? {} : { msg }) });
    };
  return { calls, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export const key = (fill: number): Buffer => Buffer.alloc(32, fill);

/** A client secret shaped like Entra's, long enough to be unmistakable in a byte search. */
export const SECRET = 'Xq8Q~s3cr3t-Pl4intext_Never.On.Disk-0123456789';

export function newConnection(overrides: Partial<NewConnection> = {}): NewConnection {
  return {
    workspaceId: 'T-alpha',
    name: 'Production',
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    subscriptionId: 'a1b2c3d4-0000-4000-8000-000000000001',
    subscriptionName: 'Contoso Production',
    clientId: 'a1b2c3d4-0000-4000-8000-000000000002',
    principalId: 'a1b2c3d4-0000-4000-8000-000000000003',
    roles: ['Reader'],
    status: 'active',
    expirySource: 'unknown',
    notify: 'changes',
    createdBy: 'user-1',
    ...overrides,
  };
}
