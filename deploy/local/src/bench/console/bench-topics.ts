import { Kafka, logLevel, type Admin } from 'kafkajs';

/**
 * The benchmark's Kafka housekeeping. Its synthetic events go to topics of its own (the
 * services' topics keep events forever, and `npm start`'s projections read them), projected by
 * the services' own projection code in the bench process. The bench's worker processes still run
 * their figures projections on the services' topics, into the bench databases: their groups are
 * started at the topics' current end, so the figures the pages show are exactly what was seeded,
 * not also whatever tests and demos published before.
 */
export class BenchTopics {
  private constructor(private readonly admin: Admin) {}

  static async connect(brokers: string[]): Promise<BenchTopics> {
    const admin = new Kafka({ clientId: 'bench-console-admin', brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    return new BenchTopics(admin);
  }

  /** Commits `group`'s offsets at the end of `topic` (the group must have no member running). */
  async startAtEnd(group: string, topic: string): Promise<void> {
    const ends = await this.admin.fetchTopicOffsets(topic);
    await this.admin.setOffsets({ groupId: group, topic, partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })) });
  }

  /** Removes the run's own topics and consumer groups; what is already gone is no failure. */
  async remove(topics: string[], groups: string[]): Promise<void> {
    await this.admin.deleteGroups(groups).catch(() => undefined);
    const existing = new Set(await this.admin.listTopics());
    const ours = topics.filter((t) => existing.has(t));
    if (ours.length > 0) await this.admin.deleteTopics({ topics: ours, timeout: 30_000 });
  }

  close(): Promise<void> {
    return this.admin.disconnect();
  }
}
