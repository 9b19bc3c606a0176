export * from './item-journal';
export * from './journal-follower';
