import { AccessLog, type ServiceContext } from '@vanthu/shared';

/** The organisation-chained access log (packages/shared/src/access-log), in the archive's own database. */
export function accessLogFor(ctx: Pick<ServiceContext, 'mongo'>): AccessLog {
  return new AccessLog(ctx.mongo);
}
