/**
 * The Azure emulator: one HTTPS origin serving what @azure/identity, the ARM SDKs and a plain-fetch
 * Microsoft Graph call send (Entra ID authority, Azure Resource Manager, Graph), from data fixtures.
 *
 *   const emu = await startEmulator({ throttle: false });         // sampleWorld(), random port
 *   const c = SAMPLE.credentials.good;                            // tenantId, subscriptionId, clientId, clientSecret
 *   new ClientSecretCredential(c.tenantId, c.clientId, c.clientSecret,
 *     { authorityHost: emu.authorityHost, disableInstanceDiscovery: true, tlsOptions: { ca: emu.caPem } });
 *   ARM clients: { endpoint: emu.armEndpoint, credentialScopes: [`${emu.armEndpoint}/.default`], tlsOptions }
 *   emu.faults.add({ path: '/resources?', status: 503, times: 2 });  // then normal answers
 *   emu.world.subscriptions[0].roleAssignments = [];                // live fixtures
 *   await emu.close();
 */

export type { Fault, FaultInjector } from './faults';
export type { GenerateSpec } from './generate';
export { GENERATED_TYPES, generateResources, LOCATIONS } from './generate';
export type { RequestRecord } from './http';
export { decodeToken } from './jwt';
export type { RoleDefinitionFixture } from './roles';
export { BUILTIN_ROLES } from './roles';
export type { SampleCredential } from './sample-credentials';
export { SAMPLE, sampleWorld } from './sample-world';
export type { Emulator, EmulatorOptions } from './server';
export { startEmulator } from './server';
export type { ThrottleOptions } from './throttle';
export { DEFAULT_THROTTLE } from './throttle';
export { makeTestCertificate } from './tls';
export type {
  App,
  AppSecret,
  EmulatedResource,
  RoleAssignmentFixture,
  Subscription,
  Tenant,
  World,
} from './world';
