import { ORG_LEVELS, ROLES } from '../contracts/documents';
import { CLEARANCES } from '../contracts/secrecy';
import { TOPICS } from '../contracts/topics';
import { object, oneOf, str, timestamp } from './json-schema';
import { defineEvent } from './event-spec';

/*
 * The directory as intake keeps it. Other services (notify first) build their own view of who
 * belongs where from these events instead of reading intake's collections.
 */

export const DIRECTORY_EVENTS = [
  defineEvent({
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
  }),
  defineEvent({
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
        clearance: oneOf('Clearance for secret documents when registered (absent: none); later changes come as `directory.user-clearance-changed`.', CLEARANCES),
      },
      ['userId', 'fullName', 'position', 'role', 'org', 'email'],
    ),
  }),
  defineEvent({
    type: 'directory.user-clearance-changed',
    version: 1,
    topic: TOPICS.directoryEvents.name,
    key: 'userId',
    summary: 'An administrator of the user\'s organisation changed their clearance for secret documents.',
    data: object(
      {
        userId: str('User id.', { minLength: 1 }),
        org: str('Organisation code.'),
        clearance: oneOf('The new clearance: none, mat (Mật), toi-mat (Tối mật), tuyet-mat (Tuyệt mật).', CLEARANCES),
        changedBy: str('User id of the administrator.'),
        changedAt: timestamp('When.'),
      },
      ['userId', 'org', 'clearance', 'changedBy', 'changedAt'],
    ),
  }),
];
