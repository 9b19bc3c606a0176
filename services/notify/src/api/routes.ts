import type { Express } from 'express';
import type { ServiceContext } from '@vanthu/shared';

/** This service's HTTP API. Health endpoints come from the shared app. */
export function mountRoutes(_app: Express, _ctx: ServiceContext): void {}
