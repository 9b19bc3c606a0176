import type { DomainEvent } from '@vanthu/shared';
import type { Directory } from '../directory/directory';
import { ROUTES, type Route, type Target } from './routes';

/** Reads a dotted path (`approvers.0`) out of event data; anything but a non-empty string is absent. */
export function fieldOf(data: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), data);
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const firstText = (data: Record<string, unknown>, paths: string[]) => paths.map((p) => text(fieldOf(data, p))).find((v) => v !== undefined);

export function routeOf(event: DomainEvent): Route | undefined {
  return Object.hasOwn(ROUTES, event.type) ? ROUTES[event.type] : undefined;
}

/** The user ids one target reaches, from the event and the directory projection. */
async function targetUsers(target: Target, data: Record<string, unknown>, directory: Pick<Directory, 'members'>): Promise<string[]> {
  if ('user' in target) {
    const user = firstText(data, target.user);
    return user ? [user] : [];
  }
  if ('orgRole' in target) {
    const value = fieldOf(data, target.orgRole) as { org?: unknown; role?: unknown } | null | undefined;
    const org = text(value?.org);
    const role = text(value?.role);
    return org && role ? directory.members(org, role) : [];
  }
  if ('orgList' in target) {
    const listed = fieldOf(data, target.orgList);
    const orgs = Array.isArray(listed) ? [...new Set(listed.map(text).filter((org): org is string => org !== undefined))] : [];
    return (await Promise.all(orgs.map((org) => directory.members(org, target.role)))).flat();
  }
  const org = firstText(data, target.org);
  return org ? directory.members(org, target.role) : [];
}

/** Everyone an event concerns, each once, in the table's order, without the actor. */
export async function recipientsOf(event: DomainEvent, route: Route, directory: Pick<Directory, 'members'>): Promise<string[]> {
  const data = event.data ?? {};
  const actor = text(data.actor);
  const found: string[] = [];
  for (const target of route.to) {
    for (const user of await targetUsers(target, data, directory)) {
      if (user !== actor && !found.includes(user)) found.push(user);
    }
  }
  return found;
}
