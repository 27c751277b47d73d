/** `PROJ/repo`: project keys are upper case and slugs lower case whatever the client typed (SSH URLs are often lower case). */
export function normaliseRepository(raw: string): string {
  const slash = raw.indexOf('/');
  if (slash < 0) return raw.toLowerCase();
  const project = raw.slice(0, slash);
  return `${project.startsWith('~') ? project.toLowerCase() : project.toUpperCase()}/${raw.slice(slash + 1).toLowerCase()}`;
}

/** Behind a proxy the field is `client, proxy, …`: the first address is the client's. */
export function clientIp(field: string): string {
  const comma = field.indexOf(',');
  return (comma < 0 ? field : field.slice(0, comma)).trim();
}
