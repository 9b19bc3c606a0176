import { Problem } from '@vanthu/shared';

/** The Problem an application call was refused with; fails the test if it was not refused. */
export async function refusalOf(promise: Promise<unknown>): Promise<Problem> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Problem) return error;
    throw error;
  }
  throw new Error('expected a Problem');
}
