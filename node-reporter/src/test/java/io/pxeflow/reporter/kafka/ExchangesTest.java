package io.pxeflow.reporter.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.protocol.MessageUtil;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * Each request the lean producer writes is parsed by the Kafka client's generated message
 * classes, and each response those classes write (as a broker would) is read by ours, for every
 * version the lean producer may pick.
 */
class ExchangesTest {
    @Test
    void apiKeysAndVersionRangesAreTheOnesKafkaDefines() {
        assertEquals(ApiKeys.PRODUCE.id, ProduceExchange.KEY);
        assertEquals(ApiKeys.METADATA.id, MetadataExchange.KEY);
        assertEquals(ApiKeys.API_VERSIONS.id, ApiVersionsExchange.KEY);
        for (int v = ProduceExchange.MIN_VERSION; v <= ProduceExchange.MAX_VERSION; v++) {
            assertTrue(ApiKeys.PRODUCE.isVersionSupported((short) v), "Produce v" + v);
        }
        for (int v = MetadataExchange.MIN_VERSION; v <= MetadataExchange.MAX_VERSION; v++) {
            assertTrue(ApiKeys.METADATA.isVersionSupported((short) v), "Metadata v" + v);
        }
    }

    @Test
    void apiVersionsRequestParsesAndTheResponsePicksTheNewestCommonVersion() {
        ApiVersionsRequestData req = new ApiVersionsRequestData(accessor(ApiVersionsExchange.request("0.1.0-SNAPSHOT")),
            ApiVersionsExchange.VERSION);
        assertEquals("pxeflow-reporter", req.clientSoftwareName());
        assertTrue(new ApiVersionsRequest(req, ApiVersionsExchange.VERSION).isValid(), "software name and version pass the broker's pattern");
        assertEquals("dev-build", ApiVersionsExchange.softwareName("dev build!"));

        ApiVersionsResponseData resp = new ApiVersionsResponseData().setThrottleTimeMs(0);
        resp.apiKeys().add(new ApiVersionsResponseData.ApiVersion().setApiKey((short) 0).setMinVersion((short) 3)
            .setMaxVersion((short) 13));
        resp.apiKeys().add(new ApiVersionsResponseData.ApiVersion().setApiKey((short) 3).setMinVersion((short) 0)
            .setMaxVersion((short) 12));
        resp.setFinalizedFeaturesEpoch(7L);
        ApiVersionsExchange.Supported s = ApiVersionsExchange.response(reader(resp, ApiVersionsExchange.VERSION));
        assertEquals(12, s.pick(0, ProduceExchange.MIN_VERSION, ProduceExchange.MAX_VERSION));
        assertEquals(12, s.pick(3, MetadataExchange.MIN_VERSION, MetadataExchange.MAX_VERSION));
        assertEquals(-1, s.pick(3, 13, 13));
        assertEquals(-1, s.pick(18, 0, 4), "an API the broker does not list");

        ApiVersionsResponseData refused = new ApiVersionsResponseData().setErrorCode(Errors.UNSUPPORTED_VERSION.code());
        assertThrows(KafkaProtocolException.class, () -> ApiVersionsExchange.response(reader(refused, (short) 3)));
    }

    @Test
    void metadataRequestAsksForTheTopicByNameAndAllowsAutoCreation() {
        for (short v = MetadataExchange.MIN_VERSION; v <= MetadataExchange.MAX_VERSION; v++) {
            MetadataRequestData req = new MetadataRequestData(accessor(MetadataExchange.request("pxeflow.heartbeats")), v);
            assertEquals(1, req.topics().size());
            assertEquals("pxeflow.heartbeats", req.topics().get(0).name());
            assertEquals(Uuid.ZERO_UUID, req.topics().get(0).topicId());
            assertTrue(req.allowAutoTopicCreation());
        }
    }

    @Test
    void metadataResponseGivesBrokersAndLeadersOfTheAskedTopic() {
        for (short v = MetadataExchange.MIN_VERSION; v <= MetadataExchange.MAX_VERSION; v++) {
            MetadataResponseData resp = new MetadataResponseData().setClusterId("c1").setControllerId(1);
            resp.brokers().add(new MetadataResponseData.MetadataResponseBroker().setNodeId(1).setHost("head1").setPort(9092));
            resp.brokers().add(new MetadataResponseData.MetadataResponseBroker().setNodeId(2).setHost("head2").setPort(9093)
                .setRack("r2"));
            resp.topics().add(topic("other", Errors.NONE, partition(0, 1)));
            resp.topics().add(topic("pxeflow.heartbeats", Errors.NONE, partition(2, 1), partition(0, 2),
                partition(1, -1).setErrorCode(Errors.LEADER_NOT_AVAILABLE.code())));
            MetadataExchange.Topic t = MetadataExchange.response(reader(resp, v), v, "pxeflow.heartbeats");
            assertEquals(0, t.topicError());
            assertEquals(new MetadataExchange.Broker(2, "head2", 9093), t.brokers().get(2));
            assertEquals(List.of(new MetadataExchange.Partition(0, 0, 2), new MetadataExchange.Partition(1, 5, -1),
                new MetadataExchange.Partition(2, 0, 1)), t.partitions(), "sorted by index");

            MetadataResponseData missing = new MetadataResponseData();
            missing.topics().add(topic("pxeflow.heartbeats", Errors.UNKNOWN_TOPIC_OR_PARTITION));
            assertEquals(3, MetadataExchange.response(reader(missing, v), v, "pxeflow.heartbeats").topicError());
        }
    }

    @Test
    void produceRequestCarriesOneBatchForOnePartitionWithTheAcksAndTimeout() {
        byte[] batch = RecordBatch.encode(List.of(new RecordBatch.Entry(bytes("n1"), bytes("{}"), 1000L)));
        for (short v = ProduceExchange.MIN_VERSION; v <= ProduceExchange.MAX_VERSION; v++) {
            ProduceRequestData req = new ProduceRequestData(accessor(ProduceExchange.request("hb", 4, (short) -1, 5000,
                batch)), v);
            assertEquals(null, req.transactionalId());
            assertEquals(-1, req.acks());
            assertEquals(5000, req.timeoutMs());
            ProduceRequestData.TopicProduceData topic = req.topicData().iterator().next();
            assertEquals("hb", topic.name());
            assertEquals(4, topic.partitionData().get(0).index());
            assertArrayEquals(batch, Utils.toArray(((MemoryRecords) topic.partitionData().get(0).records()).buffer()));
        }
    }

    @Test
    void produceResponseGivesThePartitionsErrorAndOffset() {
        for (short v = ProduceExchange.MIN_VERSION; v <= ProduceExchange.MAX_VERSION; v++) {
            ProduceResponseData resp = new ProduceResponseData().setThrottleTimeMs(3);
            ProduceResponseData.TopicProduceResponse t = new ProduceResponseData.TopicProduceResponse().setName("hb");
            t.partitionResponses().add(new ProduceResponseData.PartitionProduceResponse().setIndex(4).setBaseOffset(42L));
            t.partitionResponses().add(new ProduceResponseData.PartitionProduceResponse().setIndex(5)
                .setErrorCode(Errors.NOT_LEADER_OR_FOLLOWER.code()).setErrorMessage("moved"));
            resp.responses().add(t);
            assertEquals(new ProduceExchange.Result(0, 42L, null), ProduceExchange.response(reader(resp, v), "hb", 4));
            assertEquals(new ProduceExchange.Result(6, 0L, "moved"), ProduceExchange.response(reader(resp, v), "hb", 5));
            ProduceResponseData other = resp;
            assertThrows(KafkaProtocolException.class, () -> ProduceExchange.response(reader(other, (short) 9), "hb", 7));
        }
    }

    @Test
    void requestHeaderIsVersionTwoWithTheClientId() {
        // The header BrokerConnection writes, rebuilt here byte for byte and read by Kafka's class.
        WireWriter w = new WireWriter(32).int16(0).int16(9).int32(77).nullableString("pxeflow-reporter-heartbeat-n1")
            .noTaggedFields();
        RequestHeaderData h = new RequestHeaderData(accessor(w.toByteArray()), (short) 2);
        assertEquals(77, h.correlationId());
        assertEquals("pxeflow-reporter-heartbeat-n1", h.clientId());
    }

    @Test
    void errorCodesAgreeWithKafkasRetriableFlag() {
        for (int code : new int[] {3, 5, 6, 7, 13, 19, 20, 56, 74, 75}) {
            assertTrue(ErrorCodes.retriable(code), Errors.forCode((short) code).name());
            assertTrue(Errors.forCode((short) code).exception() instanceof org.apache.kafka.common.errors.RetriableException,
                code + " is retriable for Kafka too");
            assertEquals(Errors.forCode((short) code).name() + " (" + code + ")", ErrorCodes.name(code));
        }
        for (int code : new int[] {-1, 10, 17, 18, 21, 29, 87}) {
            assertTrue(!ErrorCodes.retriable(code), Errors.forCode((short) code).name());
            assertEquals(Errors.forCode((short) code).name() + " (" + code + ")", ErrorCodes.name(code));
        }
    }

    @Test
    void aTruncatedResponseIsAProtocolErrorNotACrash() {
        assertThrows(KafkaProtocolException.class, () -> ProduceExchange.response(new WireReader(new byte[] {2, 3}), "hb", 0));
    }

    private static MetadataResponseData.MetadataResponseTopic topic(String name, Errors error,
                                                                   MetadataResponseData.MetadataResponsePartition... ps) {
        return new MetadataResponseData.MetadataResponseTopic().setName(name).setErrorCode(error.code())
            .setTopicId(Uuid.randomUuid()).setPartitions(List.of(ps));
    }

    private static MetadataResponseData.MetadataResponsePartition partition(int index, int leader) {
        return new MetadataResponseData.MetadataResponsePartition().setPartitionIndex(index).setLeaderId(leader)
            .setReplicaNodes(List.of(1, 2)).setIsrNodes(List.of(1, 2)).setOfflineReplicas(List.of(2));
    }

    private static WireReader reader(ApiMessage m, short version) {
        return new WireReader(MessageUtil.byteBufferToArray(MessageUtil.toByteBufferAccessor(m, version).buffer()));
    }

    private static ByteBufferAccessor accessor(byte[] b) {
        return new ByteBufferAccessor(ByteBuffer.wrap(b));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
