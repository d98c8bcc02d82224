package dev.callbridge.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mean time per stage over one phase, from the differences of Callbridge's own timer sums
 * and counts on {@code /q/metrics}: the whole pipeline and the two vendor calls as Callbridge
 * waits for them. What the pipeline spends outside the vendor calls is Callbridge's own work.
 */
final class StageMeans {

    private static final String PIPELINE = "callbridge_calls_pipeline_seconds_%s{outcome=\"placed\"}";
    private static final String ULTRAVOX =
            "callbridge_upstream_latency_seconds_%s{operation=\"create_call\",outcome=\"success\",vendor=\"ultravox\"}";
    private static final String TWILIO =
            "callbridge_upstream_latency_seconds_%s{operation=\"create_call\",outcome=\"success\",vendor=\"twilio\"}";

    private final Map<String, double[]> before;

    private StageMeans(String metrics) {
        this.before = read(metrics);
    }

    static StageMeans start(String metrics) {
        return new StageMeans(metrics);
    }

    /** Mean milliseconds per stage between the two scrapes. */
    Map<String, Object> stop(String metrics) {
        Map<String, double[]> after = read(metrics);
        Map<String, Object> m = new LinkedHashMap<>();
        double pipeline = mean(after, "pipeline");
        double ultravox = mean(after, "ultravox");
        double twilio = mean(after, "twilio");
        m.put("pipelineMeanMs", BenchmarkMain.round(pipeline));
        m.put("ultravoxCreateCallMeanMs", BenchmarkMain.round(ultravox));
        m.put("twilioCreateCallMeanMs", BenchmarkMain.round(twilio));
        m.put("ownWorkMeanMs", BenchmarkMain.round(pipeline - ultravox - twilio));
        return m;
    }

    private double mean(Map<String, double[]> after, String stage) {
        double[] a = after.get(stage);
        double[] b = before.get(stage);
        double count = a[1] - b[1];
        return count <= 0 ? Double.NaN : (a[0] - b[0]) / count * 1000;
    }

    private static Map<String, double[]> read(String metrics) {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("pipeline", sumAndCount(metrics, PIPELINE));
        m.put("ultravox", sumAndCount(metrics, ULTRAVOX));
        m.put("twilio", sumAndCount(metrics, TWILIO));
        return m;
    }

    private static double[] sumAndCount(String metrics, String series) {
        return new double[] {value(metrics, series.formatted("sum")), value(metrics, series.formatted("count"))};
    }

    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.eE+-]+)$", Pattern.MULTILINE)
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
