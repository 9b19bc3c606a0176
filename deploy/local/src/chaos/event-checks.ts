import { SERVICES, type DomainEvent } from '@vanthu/shared';
import { INPUT_EVENT_TYPES } from '@vanthu/tracking/dist/consumers/input-projection';
import { INPUTS_GROUP } from '@vanthu/tracking/dist/consumers/inputs-consumer';
import { DOMAIN_TOPICS, type RunRecords } from './run-records';
import { aggregateOf, countBy, extras, gaps, groupBy, info, offenders, type Count } from './tally';

/**
 * The consumer groups that remember every event they handled (startEventConsumer), in their
 * service's database, with the event types of ours they act on (tracking's inputs consumer
 * passes the others over without remembering them). Named as the services name them for their
 * own database (services/notify/src/dispatch/consume-events.ts; tracking's inputs consumer).
 */
const trackingInputs = new Set<string>(INPUT_EVENT_TYPES);
const REMEMBERING_GROUPS = [
  { group: 'vanthu-notify', database: SERVICES.notify.database, acts: (type: string) => type.startsWith('document.') || type.startsWith('tracking.') },
  { group: INPUTS_GROUP, database: SERVICES.tracking.database, acts: (type: string) => trackingInputs.has(type) },
];

const isDomainEvent = (e: DomainEvent) => e.type.startsWith('document.') || e.type.startsWith('tracking.');

/**
 * The events on Kafka: each transition once (one id per aggregate and type: this run's scenario
 * makes each transition once), no seq missing per aggregate, nothing left in an outbox or on the
 * dead-letter topic, every event remembered by every group that keeps ids, every group at the end.
 */
export function eventChecks(r: RunRecords): Count[] {
  const events = r.events.filter(isDomainEvent);
  const byId = new Map(events.map((e) => [e.id, e]));
  const byAggregate = groupBy(byId.values(), (e) => aggregateOf(e.id).aggregate);
  const recordSeq = new Map<string, number>([...r.documents.map((d) => [d._id, d.seq] as const), ...r.incoming.map((c) => [c._id, c.seq] as const), ...r.tasks.map((t) => [t._id, t.seq] as const)]);
  const lost: string[] = [];
  for (const [aggregate, list] of byAggregate) {
    const seqs = list.map((e) => aggregateOf(e.id).seq);
    lost.push(...gaps(seqs).map((seq) => `${aggregate}:${seq}`));
    const recorded = recordSeq.get(aggregate) ?? 0;
    for (let seq = Math.max(...seqs) + 1; seq <= recorded; seq++) lost.push(`${aggregate}:${seq} (recorded, never published)`);
  }
  for (const [aggregate, seq] of recordSeq) if (!byAggregate.has(aggregate) && seq > 0) lost.push(`${aggregate}:1..${seq} (recorded, never published)`);

  const notConsumed: string[] = [];
  for (const { group, database, acts } of REMEMBERING_GROUPS) {
    const remembered = r.consumed.get(database) ?? new Set<string>();
    for (const e of byId.values()) if (acts(e.type) && !remembered.has(`${group}|${e.id}`)) notConsumed.push(`${group} ${e.id} (${e.type})`);
  }
  const domainTopics = new Set(DOMAIN_TOPICS);
  const lagging = r.lag.filter((l) => l.lag > 0 && domainTopics.has(l.topic)).map((l) => `${l.group} ${l.topic} ${l.lag}`);
  const pending = Object.entries(r.outboxPending).filter(([, n]) => n > 0).map(([db, n]) => `${db} ${n}`);

  return [
    info('events_published', byId.size, 'events'),
    info('events_republished', events.length - byId.size, 'messages'),
    extras('events_duplicated', 'events', [...byId.values()].map((e) => `${aggregateOf(e.id).aggregate} ${e.type}`)),
    offenders('events_lost', 'events', lost),
    { ...offenders('outbox_pending', 'records', pending), value: Object.values(r.outboxPending).reduce((a, b) => a + b, 0) },
    { name: 'events_dead_lettered', value: r.deadLetters, unit: 'events', mustBeZero: true },
    offenders('events_not_consumed', 'events', notConsumed),
    { ...offenders('consumer_lag', 'messages', lagging), value: r.lag.filter((l) => domainTopics.has(l.topic)).reduce((sum, l) => sum + l.lag, 0) },
    info('consumer_groups_checked', new Set(r.lag.map((l) => l.group)).size, 'groups'),
    info('events_per_type', countBy(byId.values(), (e) => e.type).size, 'types'),
  ];
}
