package org.ser4j.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one place that creates ser4j's SparkSession. Under {@code spark-submit} the master and settings come from
 * the submit line; run directly ({@code bin/ser4j spark}, tests) the master defaults to {@code local[*]}.
 */
public final class SparkSessions {
    private SparkSessions() {
    }

    /**
     * A session for {@code appName}.
     *
     * @param master a Spark master URL ({@code local[2]}, {@code spark://host:7077}, {@code yarn}), or null to keep
     *               the one spark-submit set ({@code local[*]} when nothing set one)
     */
    public static SparkSession create(String appName, String master) {
        SparkConf conf = new SparkConf().setAppName(appName);
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        if (conf.get("spark.master").startsWith("local")) {
            // Local mode on a laptop or CI box: stay on loopback (hostname lookups fail in containers) and skip the
            // web UI, which only costs start-up time and a port (STACK.md section 7).
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        // Parquet output is small (one row per clip); keep files few and readable by any Parquet reader.
        conf.setIfMissing("spark.sql.parquet.compression.codec", "snappy");
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
