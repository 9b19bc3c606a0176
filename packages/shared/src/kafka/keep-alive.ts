/**
 * Runs `work` while telling the consumer group, every `everyMs`, that this member is alive.
 *
 * kafkajs heartbeats only between messages (and batches). A handler that waits longer than the
 * session timeout on what it feeds — a database or Temporal slowed by load, a retry with backoff —
 * is then taken for dead: the coordinator drops it, the group rebalances, its uncommitted work is
 * handed to another member, which meets the same slow dependency, times out the same way, and so
 * on: a rebalance storm that stops all consumption exactly when the system is busiest. With this
 * the member stays in its group however long its handler waits; what it does not do meanwhile is
 * fetch more (kafkajs fetches a broker's next batches only once the last ones are handled), so a
 * slow dependency pauses the consumer instead of filling its memory.
 *
 * Only one heartbeat is in flight at once; a failed one (the group is rebalancing after all, or
 * the broker is away) is left to kafkajs, whose own heartbeat after the handler meets the same
 * answer and rejoins.
 */
export async function withHeartbeats<T>(heartbeat: () => Promise<void>, everyMs: number, work: () => Promise<T>, onError: (error: unknown) => void = () => undefined): Promise<T> {
  let beating: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (beating) return;
    beating = heartbeat()
      .catch(onError)
      .finally(() => {
        beating = undefined;
      });
  }, everyMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
    await beating;
  }
}
