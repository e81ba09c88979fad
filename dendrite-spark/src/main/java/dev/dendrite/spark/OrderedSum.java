package dev.dendrite.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * A tree sum of the partitions' {@link Partial}s in a fixed order. Spark's {@code treeAggregate}
 * merges results in the order tasks finish, and float addition is not associative, so its sums
 * differ in the last bits from run to run (and after a task is re-run) once there are more than
 * two partitions. Here the order is fixed: up to {@value #FAN_IN} partitions are summed on the
 * driver in partition order ({@code collect} returns them so); beyond that, groups of
 * {@value #FAN_IN} consecutive partitions are summed on executors in partition order first (one
 * shuffle, like {@code treeAggregate} with depth 2), then the groups on the driver in group order.
 * Stateless.
 */
final class OrderedSum {
    static final int FAN_IN = 16;

    private OrderedSum() {
    }

    /** The sum of {@code parts}, partition 0 first. */
    static Partial of(JavaRDD<Partial> parts) {
        int partitions = parts.getNumPartitions();
        if (partitions <= FAN_IN) {
            return Partial.sum(parts.collect());
        }
        int groups = (partitions + FAN_IN - 1) / FAN_IN;
        JavaPairRDD<Integer, Tuple2<Integer, Partial>> keyed = parts.mapPartitionsWithIndex((index, it) -> {
            List<Tuple2<Integer, Tuple2<Integer, Partial>>> out = new ArrayList<>();
            it.forEachRemaining(part -> out.add(new Tuple2<>(index / FAN_IN, new Tuple2<>(index, part))));
            return out.iterator();
        }, true).mapToPair(t -> t);
        List<Tuple2<Integer, Partial>> sums = keyed.groupByKey(new HashPartitioner(groups))
                .mapValues(members -> {
                    List<Tuple2<Integer, Partial>> sorted = new ArrayList<>();
                    members.forEach(sorted::add);
                    sorted.sort(Comparator.comparing(Tuple2::_1));
                    List<Partial> ordered = new ArrayList<>();
                    sorted.forEach(t -> ordered.add(t._2()));
                    return Partial.sum(ordered);
                }).collect();
        List<Tuple2<Integer, Partial>> sortedGroups = new ArrayList<>(sums);
        sortedGroups.sort(Comparator.comparing(Tuple2::_1));
        List<Partial> ordered = new ArrayList<>();
        sortedGroups.forEach(t -> ordered.add(t._2()));
        return Partial.sum(ordered);
    }
}
