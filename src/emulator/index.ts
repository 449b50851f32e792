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
 *   emu.faults.add({ path: '/providers/Microsoft.Sql/', status: 500 }); // one provider down, throughout
 *   emu.world.subscriptions[0].roleAssignments = [];                // live fixtures
 *   emu.countRequests({ service: 'arm', method: 'GET' });          // requests seen so far
 *   await emu.close();
 *
 * Contoso Production (SAMPLE.subscriptions.production) has 137 resources, among them the named ones
 * in SAMPLE.planted; sub-resources (SQL firewall rules, `config/web`, …) sit under each resource's
 * `children` and are served below its id.
 */

export { DEFENDER_PLANS } from './azure-defaults';
export type { Fault, FaultInjector } from './faults';
export type { GenerateSpec, SettingsSpec, SubscriptionSettings } from './generate';
export { GENERATED_TYPES, generateResources, generateSubscriptionSettings, LOCATIONS } from './generate';
export type { RequestRecord, Service } from './http';
export { decodeToken } from './jwt';
export type { RoleDefinitionFixture } from './roles';
export { BUILTIN_ROLES } from './roles';
export type { SampleCredential } from './sample-credentials';
export type { PlantedResource } from './sample-production';
export { SAMPLE, sampleWorld } from './sample-world';
export type { Emulator, EmulatorOptions, RequestMatch } from './server';
export { startEmulator } from './server';
export { MONITORED_OPERATIONS } from './templates-monitor';
export type { QuotaOptions, ThrottleOptions } from './throttle';
export { DEFAULT_THROTTLE, RESOURCE_GRAPH_QUOTA } from './throttle';
export { makeTestCertificate } from './tls';
export type {
  App,
  AppSecret,
  ArmItem,
  EmulatedResource,
  ResourceChildren,
  RoleAssignmentFixture,
  Subscription,
  SubscriptionItem,
  Tenant,
  World,
} from './world';
