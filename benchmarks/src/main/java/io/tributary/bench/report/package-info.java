/** PNG charts for the load harness's reports, drawn with java.awt; start at {@link io.tributary.bench.report.LineChart}. */
package io.tributary.bench.report;
