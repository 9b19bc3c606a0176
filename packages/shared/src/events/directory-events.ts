import { ORG_LEVELS, ROLES } from '../contracts/documents';
import { TOPICS } from '../contracts/topics';
import { object, oneOf, str } from './json-schema';
import type { EventSpec } from './event-spec';

/*
 * The directory as intake keeps it. Other services (notify first) build their own view of who
 * belongs where from these events instead of reading intake's collections.
 */

export const DIRECTORY_EVENTS: EventSpec[] = [
  {
    type: 'directory.organisation-registered',
    version: 1,
    topic: TOPICS.directoryEvents.name,
    key: 'code',
    summary: 'An organisation was added to the hierarchy.',
    data: object(
      {
        code: str('Organisation code, e.g. `BS-TU`.', { minLength: 1 }),
        name: str('Full name.'),
        level: oneOf('Level in the hierarchy.', ORG_LEVELS),
        parent: str('Code of the parent organisation (absent for the top).'),
        notationCode: str('The issuing-body code used in document notations, e.g. `TU` in `15-NQ/TU`.'),
      },
      ['code', 'name', 'level', 'notationCode'],
    ),
  },
  {
    type: 'directory.user-registered',
    version: 1,
    topic: TOPICS.directoryEvents.name,
    key: 'userId',
    summary: 'A user was added to an organisation with a role.',
    data: object(
      {
        userId: str('User id.', { minLength: 1 }),
        fullName: str('Full name, in Vietnamese.'),
        position: str('Position held.'),
        role: oneOf('Role in the organisation.', ROLES),
        org: str('Organisation code.'),
        email: str('E-mail address.', { format: 'email' }),
      },
      ['userId', 'fullName', 'position', 'role', 'org', 'email'],
    ),
  },
];
