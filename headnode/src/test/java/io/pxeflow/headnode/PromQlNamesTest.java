package io.pxeflow.headnode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PromQlNamesTest {
    @Test
    void keepsMetricNamesAndDropsFunctionsLabelsRangesAndGrouping() {
        assertEquals(Set.of("pxeflow_processing_latency_seconds_bucket"), PromQlNames.of(
            "histogram_quantile(0.99, sum by (le) (rate(pxeflow_processing_latency_seconds_bucket{job=~\"$job\"}[$__rate_interval])))"));
    }

    @Test
    void findsBothSidesOfABinaryOperatorWithMatching() {
        assertEquals(Set.of("pxeflow_node_filesystem_used_bytes", "pxeflow_node_filesystem_size_bytes"), PromQlNames.of(
            "pxeflow_node_filesystem_used_bytes{node=\"$node\"} / on (node, mount) group_left pxeflow_node_filesystem_size_bytes"));
    }

    @Test
    void ignoresNumbersDurationsOffsetsAndVariables() {
        assertEquals(Set.of("pxeflow_nodes"), PromQlNames.of("sum(pxeflow_nodes offset 5m) * 1e3 > $threshold"));
    }

    @Test
    void aMisspelledMetricIsReportedNotHidden() {
        assertEquals(Set.of("pxeflow_node", "pxeflow_nodez"), PromQlNames.of("pxeflow_nodez or pxeflow_node"));
    }
}
