import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { Connection } from 'mongoose';
import type { MessageBus } from '../kafka/bus';
import { outboxModel } from '../outbox/outbox-record';
import { METRIC_PREFIX, type ProcessMetrics } from './process-metrics';

/**
 * What a service process reads on scrape from the dependencies it shares with its sibling: its
 * database's outbox and its consumer groups' lag. Both processes of a service expose the outbox
 * backlog (it is one collection); each exposes the lag of the groups it runs itself.
 */
export function registerServiceGauges(metrics: ProcessMetrics, deps: { mongo: Connection; bus: MessageBus }): void {
  metrics.sampledSource({
    source: 'outbox',
    // The relay deletes what it published, so the collection holds the backlog and nothing else:
    // the collection's count, which MongoDB answers from its metadata, not a scan.
    read: () => outboxModel(deps.mongo).estimatedDocumentCount().exec(),
    gauges: [
      {
        name: `${METRIC_PREFIX}outbox_backlog`,
        help: 'Events written to the outbox and not yet published to Kafka.',
        labelNames: [],
        samples: (count) => [{ labels: {}, value: count }],
      },
    ],
  });
  metrics.sampledSource({
    source: 'kafka_lag',
    read: () => deps.bus.consumerLag(),
    sampling: { ttlMs: 10_000, timeoutMs: 3_000 },
    gauges: [
      {
        name: `${METRIC_PREFIX}kafka_consumer_lag`,
        help: "Messages on a topic past a consumer group's committed offsets, summed over the topic's partitions.",
        labelNames: ['group', 'topic'],
        samples: (lags) => lags.map(({ group, topic, lag }) => ({ labels: { group, topic }, value: lag })),
      },
    ],
  });
}

const { TaskQueueType, TaskQueueKind } = temporal.api.enums.v1;
const QUEUE_TYPES = [
  ['workflow', TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW],
  ['activity', TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY],
] as const;

interface QueueStats {
  type: string;
  backlog: number;
  ageSeconds: number;
}

/** The server's approximate backlog of one task queue, per task type (DescribeTaskQueue with report_stats). */
async function describeTaskQueue(client: Client, namespace: string, taskQueue: string): Promise<QueueStats[]> {
  return Promise.all(
    QUEUE_TYPES.map(async ([type, taskQueueType]) => {
      const { stats } = await client.workflowService.describeTaskQueue({
        namespace,
        taskQueue: { name: taskQueue, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
        taskQueueType,
        reportStats: true,
      });
      const age = stats?.approximateBacklogAge;
      return {
        type,
        backlog: Number(stats?.approximateBacklogCount ?? 0),
        ageSeconds: Number(age?.seconds ?? 0) + (age?.nanos ?? 0) / 1e9,
      };
    }),
  );
}

/**
 * A worker's own task queue as the Temporal server sees it: tasks waiting for a worker, and how
 * long the oldest has waited. The SDK's metrics say what the worker did, not what it has not got
 * to yet; this is what does.
 */
export function registerWorkerGauges(metrics: ProcessMetrics, deps: { temporal: Client; namespace: string; taskQueue: string }): void {
  const labels = (s: QueueStats) => ({ task_queue: deps.taskQueue, type: s.type });
  metrics.sampledSource({
    source: 'task_queue',
    read: () => describeTaskQueue(deps.temporal, deps.namespace, deps.taskQueue),
    sampling: { ttlMs: 10_000, timeoutMs: 3_000 },
    gauges: [
      {
        name: `${METRIC_PREFIX}temporal_task_queue_backlog`,
        help: "Tasks on the worker's task queue waiting for a worker (the server's approximate count), by task type.",
        labelNames: ['task_queue', 'type'],
        samples: (stats) => stats.map((s) => ({ labels: labels(s), value: s.backlog })),
      },
      {
        name: `${METRIC_PREFIX}temporal_task_queue_backlog_age_seconds`,
        help: "How long the oldest task on the worker's task queue has waited (the server's approximation), by task type.",
        labelNames: ['task_queue', 'type'],
        samples: (stats) => stats.map((s) => ({ labels: labels(s), value: s.ageSeconds })),
      },
    ],
  });
}
