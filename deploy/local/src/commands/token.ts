import { ALL_AUDIENCES, DEMO_USERS, DEVELOPMENT_JWT_SECRET, DEVELOPMENT_SERVICE_TOKEN_SECRET, issueServiceToken, issueToken, SERVICE_IDENTITIES, TOKEN_AUDIENCES, type ServiceIdentity, type ServiceName } from '@vanthu/shared';

export const TOKEN_USAGE = `usage: npm run token -- <demo user id> [--ttl <seconds>]
       npm run token -- --service <${SERVICE_IDENTITIES.join('|')}> --for <${Object.keys(TOKEN_AUDIENCES).join('|')}> [--ttl <seconds>]
Prints a bearer token signed with JWT_SECRET (or the development key): for a demo user, good for
every API; or a service token (SERVICE_TOKEN_SECRET) for one API. Development only: in production
an office's sign-on issues users' tokens.`;

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

/** `npm run token -- bs-clerk`: what the README's curl flow and docs/intake-api.md use. */
export function tokenCommand(args: string[]): number {
  const ttl = Number(option(args, '--ttl') ?? 8 * 3600);
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 7 * 24 * 3600) {
    console.error('--ttl is a number of seconds, at most a week');
    return 64;
  }
  const service = option(args, '--service');
  if (service !== undefined) {
    const target = option(args, '--for') as ServiceName | undefined;
    if (!SERVICE_IDENTITIES.includes(service as ServiceIdentity) || !target || !(target in TOKEN_AUDIENCES)) {
      console.error(TOKEN_USAGE);
      return 64;
    }
    const secret = process.env.SERVICE_TOKEN_SECRET ?? DEVELOPMENT_SERVICE_TOKEN_SECRET;
    console.log(issueServiceToken(secret, service as ServiceIdentity, TOKEN_AUDIENCES[target], ttl));
    return 0;
  }
  const user = DEMO_USERS.find((u) => u.id === args[0]);
  if (!user) {
    console.error(`${TOKEN_USAGE}\nDemo users: ${DEMO_USERS.map((u) => u.id).join(', ')}`);
    return 64;
  }
  console.log(issueToken(process.env.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET, { userId: user.id, orgCode: user.org, role: user.role }, ttl, ALL_AUDIENCES));
  return 0;
}
