import { probeActivities, type Lifecycle, type ServiceContext } from '@vanthu/shared';
import { loadNotifyConfig } from '../config';
import { DeliveryStarter } from '../deliveries/start-delivery';
import { consumeEvents, consumerGroupFor } from '../dispatch/consume-events';
import { smtpMailer } from '../email/mailer';
import { LivePublisher } from '../live/inbox-topic';
import { notifyStores } from '../notify-stores';
import { deliveryActivities } from './delivery-activities';

/**
 * The worker's activities (webhook and e-mail deliveries) and, beside them, the event consumer
 * that decides who is notified: both write notify's records, neither serves HTTP.
 */
export async function createActivities(ctx: ServiceContext, lifecycle: Lifecycle) {
  const config = loadNotifyConfig('worker');
  const stores = notifyStores(ctx.mongo, { requireHttps: process.env.NODE_ENV === 'production' });
  const mailer = config.smtpUrl === undefined ? undefined : smtpMailer(config.smtpUrl, config.mailFrom);
  if (mailer) lifecycle.onStop('smtp transport', async () => mailer.close());
  else ctx.logger.warn('SMTP_URL is not set: e-mail notifications are off');
  const live = new LivePublisher(ctx.bus);
  lifecycle.onStop('live publisher', () => live.close());
  const starter = new DeliveryStarter({ client: ctx.temporal, taskQueue: ctx.config.TEMPORAL_TASK_QUEUE });
  const consumer = await consumeEvents(ctx, {
    stores,
    live,
    starter,
    email: mailer !== undefined,
    logger: ctx.logger,
    ...(config.portalUrl !== undefined && { portalUrl: config.portalUrl }),
  }, { group: consumerGroupFor(ctx.config.MONGO_DATABASE) });
  lifecycle.onStop('notify consumer', () => consumer.stop());
  return {
    ...probeActivities(ctx),
    ...deliveryActivities({ stores, ...(mailer && { mailer }) }),
  };
}
