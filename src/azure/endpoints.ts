/** The three Azure endpoints the bot talks to. */
export interface AzureEndpoints {
  /** Microsoft Entra ID authority host, e.g. https://login.microsoftonline.com */
  authorityHost: string;
  /** Azure Resource Manager, e.g. https://management.azure.com */
  resourceManager: string;
  /** Microsoft Graph, e.g. https://graph.microsoft.com */
  graph: string;
}

export function scopeOf(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/.default`;
}
