package io.tributary.streams.rules;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownMemberIdException;

/**
 * Moves a stopped consumer group's committed offsets on one topic forward to the first record
 * written at or after a time, so that a Streams application restarted after a long pause does not
 * read what no rule may see. Only forward, never backward; partitions without a committed offset
 * get the target. Kafka accepts the change only while the group has no member: when another
 * instance already runs, the group's offsets are that instance's business and nothing is changed.
 *
 * <p>Why it cannot skip a record that must be read: every record before the target offset of a
 * partition has a timestamp earlier than {@code from}. That is the contract of
 * {@link OffsetSpec#forTimestamp} (the earliest offset whose timestamp is at least {@code from});
 * when no record qualifies, the target is the log end offset read <em>before</em> that query, so
 * records appended in between are not skipped either. Both queries see uncommitted records too
 * ({@code read_uncommitted}), so an open transaction's records count.
 */
final class SkipAhead {
  /** What happened. */
  enum Outcome {
    /** The offsets were moved forward on at least one partition. */
    MOVED,
    /** The committed offsets were already at or past the target. */
    NOTHING_TO_MOVE,
    /** The group had members (another node runs the job); nothing was changed. */
    GROUP_ACTIVE
  }

  /**
   * The outcome and, for MOVED, by how many offsets the partitions moved in all (counted from 0
   * where nothing was committed).
   */
  record Result(Outcome outcome, long skipped) {}

  private SkipAhead() {}

  static Result run(Admin admin, String group, String topic, long from, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    long t = timeout.toMillis();
    TopicDescription description = admin.describeTopics(java.util.List.of(topic)).allTopicNames()
        .get(t, TimeUnit.MILLISECONDS).get(topic);
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    Map<TopicPartition, OffsetSpec> byTime = new HashMap<>();
    description.partitions().forEach(p -> {
      TopicPartition tp = new TopicPartition(topic, p.partition());
      latest.put(tp, OffsetSpec.latest());
      byTime.put(tp, OffsetSpec.forTimestamp(from));
    });
    // requireStable: wait for offsets of pending transactions to be committed or aborted first
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group,
        new ListConsumerGroupOffsetsOptions().requireStable(true)).partitionsToOffsetAndMetadata()
        .get(t, TimeUnit.MILLISECONDS);
    // the end first, then the search by time: see the class comment
    Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(t, TimeUnit.MILLISECONDS);
    Map<TopicPartition, ListOffsetsResultInfo> found = admin.listOffsets(byTime).all().get(t, TimeUnit.MILLISECONDS);
    Map<TopicPartition, OffsetAndMetadata> moves = new HashMap<>();
    long skipped = 0;
    for (TopicPartition tp : latest.keySet()) {
      long target = found.get(tp).offset() >= 0 ? found.get(tp).offset() : ends.get(tp).offset();
      OffsetAndMetadata current = committed.get(tp);
      long at = current == null ? -1 : current.offset();
      if (target > at) {
        // no metadata: Kafka Streams keeps its own (partition time) there and warns about anything else
        moves.put(tp, new OffsetAndMetadata(target));
        skipped += at < 0 ? target : target - at; // without a committed offset: all before the target
      }
    }
    if (moves.isEmpty()) {
      return new Result(Outcome.NOTHING_TO_MOVE, 0);
    }
    try {
      admin.alterConsumerGroupOffsets(group, moves).all().get(t, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupNotEmptyException || e.getCause() instanceof UnknownMemberIdException) {
        return new Result(Outcome.GROUP_ACTIVE, 0);
      }
      throw e;
    }
    return new Result(Outcome.MOVED, skipped);
  }
}
