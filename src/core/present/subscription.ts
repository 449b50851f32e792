/** "Contoso Production (9531985d-…)", or the id alone when Azure gave no name. */
export function subscriptionLabel(name: string | undefined, id: string): string {
  return name ? `${name} (${id})` : id;
}
