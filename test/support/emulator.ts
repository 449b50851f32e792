import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AzureEndpoints } from '../../src/azure';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../src/emulator';

/** The TLS pair scripts/jest.ts made and told Node to trust. */
export function testTls(): { key: string; cert: string } {
  const dir = process.env.OSTO_TEST_TLS_DIR;
  if (!dir)
    throw new Error('Run the tests with `npm test` (scripts/jest.ts sets up the trusted test certificate).');
  return {
    key: readFileSync(join(dir, 'key.pem'), 'utf8'),
    cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
  };
}

/** Starts an in-process Azure emulator on a random port, serving the trusted test certificate. */
export function startTestEmulator(opts: Omit<EmulatorOptions, 'tls' | 'port'> = {}): Promise<Emulator> {
  return startEmulator({ ...opts, port: 0, tls: testTls() });
}

export function endpointsOf(emu: Emulator): AzureEndpoints {
  return { authorityHost: emu.authorityHost, resourceManager: emu.armEndpoint, graph: emu.graphEndpoint };
}
