import { CancelledFailure } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import type { ProcessMetrics } from './process-metrics';

export type ActivityOutcome = 'completed' | 'failed' | 'cancelled' | 'async';

export function activityOutcome(error: unknown, cancelled: boolean): ActivityOutcome {
  // Completing later (by task token) is not a failure: the activity handed its result on.
  if (error instanceof Error && error.name === 'CompleteAsyncError') return 'async';
  if (cancelled || error instanceof CancelledFailure) return 'cancelled';
  return 'failed';
}

/**
 * Times every activity this worker runs, by its type (a name the worker registered: a bounded
 * set) and how it ended. The SDK's own histograms say how long tasks waited and ran in the core;
 * this one says it per activity type, in the service's own labels.
 */
export function activityMetricsInterceptor(metrics: ProcessMetrics): ActivityInterceptorsFactory {
  return (ctx) => ({
    inbound: {
      async execute(input, next) {
        const done = metrics.activityDuration.startTimer({ activity_type: ctx.info.activityType });
        try {
          const result = await next(input);
          done({ outcome: 'completed' });
          return result;
        } catch (error) {
          done({ outcome: activityOutcome(error, ctx.cancellationSignal.aborted) });
          throw error;
        }
      },
    },
  });
}
