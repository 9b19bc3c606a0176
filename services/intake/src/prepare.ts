import { demoDataEnabled, type ServiceContext } from '@vanthu/shared';
import { SequenceAllocator } from './numbering/sequence-allocator';
import { documentModel } from './records/documents';
import { incomingModel } from './records/incoming';
import { organisationModel, seedOrganisations } from './records/organisations';
import { announcePending } from './records/directory-events';
import { transitionsModel } from './records/transitions';
import { seedUsers, userModel } from './records/users';

export const numberAllocator = (ctx: Pick<ServiceContext, 'mongo'>) => new SequenceAllocator(ctx.mongo, 'number_allocations');
export const arrivalAllocator = (ctx: Pick<ServiceContext, 'mongo'>) => new SequenceAllocator(ctx.mongo, 'arrival_allocations');

/**
 * Indexes first (the unique ones decide races), then, if asked (VANTHU_DEMO_DATA), the demo
 * hierarchy where it is missing, then the announcements of whatever is not yet announced.
 */
export async function prepareIntake(ctx: Pick<ServiceContext, 'mongo'>, options: { demoData?: boolean } = {}): Promise<void> {
  // Read before any work, so a misspelt value stops the process at start.
  const demoData = options.demoData ?? demoDataEnabled();
  await Promise.all([
    organisationModel(ctx.mongo).init(),
    userModel(ctx.mongo).init(),
    documentModel(ctx.mongo).init(),
    incomingModel(ctx.mongo).init(),
    transitionsModel(ctx.mongo).init(),
    numberAllocator(ctx).init(),
    arrivalAllocator(ctx).init(),
  ]);
  if (demoData) {
    await seedOrganisations(ctx.mongo);
    await seedUsers(ctx.mongo);
  }
  await announcePending(ctx.mongo);
}
