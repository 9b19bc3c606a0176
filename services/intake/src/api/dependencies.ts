import type { RequestHandler } from 'express';
import type { Logger } from '@vanthu/shared';
import type { IntakeApplication } from '../app/ports';
import type { Action } from '../http/reply';
import type { ApiSettings } from './settings';

/** What the route modules share: the application, the settings, and how to make an action idempotent. */
export interface ApiDependencies {
  intake: IntakeApplication;
  settings: ApiSettings;
  logger: Logger;
  /** Wraps an action so a retry with the same Idempotency-Key returns the first answer. */
  idempotent: (required: boolean, action: Action) => RequestHandler;
}
