import { OutboxRelay, probeActivities, type Lifecycle, type ServiceContext } from '@vanthu/shared';
import { signingModuleOf } from '../signing/signing-module';
import { signingActivities } from './signing-activities';

/** Activities this service's worker runs on its own task queue, and the relay of its outbox beside them. */
export function createActivities(ctx: ServiceContext, lifecycle: Lifecycle) {
  // Certificate events are written by the API and the worker alike; one relay (by lease, among
  // all worker processes) publishes them.
  const relay = new OutboxRelay({ connection: ctx.mongo, bus: ctx.bus, logger: ctx.logger, name: 'signing', collection: 'outbox' });
  relay.start();
  lifecycle.onStop('outbox relay', () => relay.stop());
  return {
    ...probeActivities(ctx),
    ...signingActivities(signingModuleOf(ctx), ctx.keys),
  };
}
