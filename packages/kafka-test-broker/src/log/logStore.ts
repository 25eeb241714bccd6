/** In-memory topics → partitions registry. */
import { PartitionLog } from "./partitionLog";

export interface Topic {
  name: string;
  partitions: PartitionLog[];
  configs: Record<string, string | null>;
}

const LEGAL_TOPIC = /^[a-zA-Z0-9._-]+$/;

/** Same rules as Kafka's Topic.validate: legal chars, ≤ 249 chars, not "." or "..". */
export function isValidTopicName(name: string): boolean {
  return name.length > 0 && name.length <= 249 && name !== "." && name !== ".." && LEGAL_TOPIC.test(name);
}

export class LogStore {
  private readonly topicMap = new Map<string, Topic>();

  get(name: string): Topic | undefined {
    return this.topicMap.get(name);
  }

  partition(topic: string, partition: number): PartitionLog | undefined {
    return this.topicMap.get(topic)?.partitions[partition];
  }

  all(): Topic[] {
    return [...this.topicMap.values()];
  }

  create(name: string, partitions: number, configs: Record<string, string | null> = {}): Topic {
    const topic: Topic = {
      name,
      configs,
      partitions: Array.from({ length: partitions }, (_, i) => new PartitionLog(name, i)),
    };
    this.topicMap.set(name, topic);
    return topic;
  }

  delete(name: string): boolean {
    const t = this.topicMap.get(name);
    if (!t) return false;
    this.topicMap.delete(name);
    // Pending fetches on this topic re-evaluate and see UNKNOWN_TOPIC_OR_PARTITION.
    for (const p of t.partitions) p.wakeAll();
    return true;
  }

  wakeAll(): void {
    for (const t of this.topicMap.values()) for (const p of t.partitions) p.wakeAll();
  }
}
