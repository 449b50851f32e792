/** What a person types into the connect form (SPEC 1.1). */
export interface ConnectInput {
  name: string;
  description?: string;
  subscriptionId: string;
  clientId: string;
  clientSecret: string;
  tenantId: string;
  /** yyyy-mm-dd, optional: used when Microsoft Graph cannot tell. */
  secretExpiresOn?: string;
}

/** The four values of a service principal plus the subscription to read. */
export interface AzureCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  subscriptionId: string;
}
