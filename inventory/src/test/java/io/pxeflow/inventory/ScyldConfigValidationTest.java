package io.pxeflow.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every problem is reported with the line it is on; the whole file is refused. Each text gets a
 * network declaration appended (after its lines, so line numbers stay), as every real file needs.
 */
class ScyldConfigValidationTest {
    static final String NETWORK = "subnet 10.0.0.0/8 next-server 10.0.0.1\n";

    static List<Problem> problems(String text) {
        return assertThrows(InventoryException.class, () -> ScyldConfigParser.parse("cluster.conf", text + NETWORK))
            .problems();
    }

    /** Asserts exactly one problem, on {@code line}, whose reason contains {@code words}. */
    static void onlyProblem(String text, int line, String words) {
        List<Problem> problems = problems(text);
        assertEquals(1, problems.size(), problems.toString());
        Problem p = problems.get(0);
        assertEquals("cluster.conf", p.file());
        assertEquals(line, p.line(), p.toString());
        assertTrue(p.reason().contains(words), () -> "'" + p.reason() + "' does not mention '" + words + "'");
    }

    @Test
    void unknownDirective() {
        onlyProblem("nodes 4\n\nnodez 5\n", 3, "unknown directive \"nodez\"");
    }

    @Test
    void hostrangeOverlappingIprange() {
        onlyProblem("iprange 10.0.0.10 10.0.0.50\nhostrange 10.0.0.50 10.0.0.60\n", 2, "overlaps iprange");
    }

    @Test
    void hostrangesOverlappingEachOther() {
        onlyProblem("hostrange 10.0.0.50 10.0.0.60\n# pdus\nhostrange 10.0.0.55 10.0.0.70\n", 3, "(line 1)");
    }

    @Test
    void rangeContainingTheMaster() {
        onlyProblem("master 10.0.0.1\niprange 10.0.0.1 10.0.0.50\n", 2, "master's address 10.0.0.1");
        onlyProblem("master 10.0.0.61\nhostrange 10.0.0.60 10.0.0.70\n", 2, "master's address");
    }

    @Test
    void backwardsRange() {
        onlyProblem("iprange 10.0.0.50 10.0.0.10\n", 1, "comes after");
    }

    @Test
    void hostOutsideEveryHostrange() {
        onlyProblem("hostrange 10.0.0.50 10.0.0.60\nhost 00:00:00:00:00:01 10.0.0.70 sw\n", 2, "inside no hostrange");
    }

    @Test
    void hostWithoutAddressAndNoHostrange() {
        onlyProblem("host 00:00:00:00:00:01 sw\n", 1, "declare a hostrange");
    }

    @Test
    void hostrangeRunsOutOfAddresses() {
        onlyProblem("hostrange 10.0.0.50 10.0.0.50\nhost 00:00:00:00:00:01 a\nhost 00:00:00:00:00:02 b\n", 3,
            "no free address");
    }

    @Test
    void nodeNumberNotBelowNodes() {
        onlyProblem("nodes 16\nnode 15 00:00:00:00:00:01\nnode 16 00:00:00:00:00:02\n", 3, "not below nodes 16");
    }

    @Test
    void nodeBeyondTheIprange() {
        onlyProblem("iprange 10.0.0.10 10.0.0.19\nnode 10 00:00:00:00:00:01\n", 2, "holds only 10 addresses");
    }

    @Test
    void explicitNodeAddressOutsideTheIprange() {
        onlyProblem("iprange 10.0.0.10 10.0.0.19\nnode 1 ip=10.0.0.99 00:00:00:00:00:01\n", 2, "outside iprange");
    }

    @Test
    void macUsedByANodeAndAHost() {
        onlyProblem("hostrange 10.0.0.50 10.0.0.60\nnode 1 00:00:00:00:00:01\nhost 00-00-00-00-00-01 sw\n", 3,
            "duplicate MAC 00:00:00:00:00:01: host sw and node1 (line 2)");
    }

    @Test
    void duplicateNodeNumber() {
        onlyProblem("node 1 00:00:00:00:00:01\nnode 1 00:00:00:00:00:02\n", 2, "duplicate node number 1");
    }

    @Test
    void duplicateName() {
        onlyProblem("node 1 00:00:00:00:00:01\nnode 2 name=node1 00:00:00:00:00:02\n", 2, "duplicate name node1");
    }

    @Test
    void hostNameClashingWithANode() {
        onlyProblem("node 1 00:00:00:00:00:01\nhost 00:00:00:00:00:02 10.9.9.9 node1\n", 2, "duplicate name node1");
    }

    @Test
    void duplicateAddress() {
        onlyProblem("iprange 10.0.0.10 10.0.0.50\nnode 1 00:00:00:00:00:01\nnode 2 ip=10.0.0.11 00:00:00:00:00:02\n", 3,
            "duplicate address 10.0.0.11");
        onlyProblem("master 10.9.9.9\nhost 00:00:00:00:00:02 10.9.9.9 sw\n", 2, "the master");
    }

    @Test
    void undefinedClass() {
        onlyProblem("class centos kernelimage /boot/vmlinuz\nnode 1 centoss 00:00:00:00:00:01\n", 2,
            "class centoss is not defined");
    }

    @Test
    void classMayBeDefinedAfterTheNodeThatUsesIt() {
        ScyldConfigParser.parse("f", "node 1 centos 00:00:00:00:00:01\nclass centos kernelimage /boot/vmlinuz\n");
    }

    @Test
    void sameMacTwiceOnOneNode() {
        onlyProblem("node 1 00:00:00:00:00:01 00-00-00-00-00-01\n", 1, "the same MAC is listed twice");
    }

    @Test
    void nodeWithoutMac() {
        onlyProblem("class c kernelimage /k\nnode 1 c pxe pxe\n", 2, "needs at least one MAC");
    }

    @Test
    void settingGivenTwice() {
        onlyProblem("class c kernelimage /a\nclass c kernelimage /b\n", 2, "already set on line 1");
        onlyProblem("nodes 4\nnodes 5\n", 2, "already given on line 1");
        onlyProblem("node 1 00:00:00:00:00:01\nkernelimage 1 /a\nkernelimage 0-3 /b\n", 3, "already set on line 2");
    }

    @Test
    void ambiguousClassNamesAreRefusedWhereDefined() {
        onlyProblem("class pxe kernelimage /a\n", 1, "cannot be told apart");
        onlyProblem("class 15 kernelimage /a\n", 1, "cannot be told apart");
        onlyProblem("class deadbeef0001 kernelimage /a\n", 1, "cannot be told apart");
    }

    @Test
    void nodenameWithoutNumber() {
        onlyProblem("nodename compute\n", 1, "%N");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "node 1 00:00:00:00:00:0G                      | not a MAC address",
        "node 1 00:00:00:00:00                         | not a MAC address",
        "node 1 pxe+local bogus 00:00:00:00:00:01      | not a MAC address",
        "kernelimage /boot/../etc/shadow                | kernelimage",
        "class c initrdimage /boot/a;reboot             | initrdimage",
        "class c nfsserver -head                        | nfsserver",
        "class c advance sometimes                      | on-pxe-served or on-install-complete",
        "class c colour red                             | unknown setting",
        "class x;y kernelimage /a                       | class",
        "kernelcommandline                              | needs a value",
        "kernelimage /a /b                              | expected one value",
        "master 10.0.0.256                              | not an IPv4 address",
        "master 010.0.0.1                               | not an IPv4 address",
        "iprange 10.0.0.1                               | expected 2 argument(s), got 1",
        "nodes many                                     | not a node count",
        "host 00:00:00:00:00:01 10.0.0.1 bad_name        | host name",
        "node 1 nom=x 00:00:00:00:00:01                 | unknown key",
        "node 1 name=-x 00:00:00:00:00:01               | name",
        "kernelimage 9-2 /boot/memtest                  | runs backwards",
    })
    void invalidFieldsNameTheFieldAndLine(String line, String words) {
        onlyProblem("# line 1\n" + line + "\n", 2, words);
    }

    @Test
    void controlCharacterInCommandLine() {
        onlyProblem("nodes 1\nkernelcommandline quiet \u0001 rw\n", 2, "control character");
    }

    @Test
    void everyProblemIsReportedInLineOrderWithFileAndLine() {
        InventoryException e = assertThrows(InventoryException.class, () -> ScyldConfigParser.parse("cluster.conf", """
            nodes 4
            node 1 missing 00:00:00:00:00:01
            frobnicate
            node 9 00:00:00:00:00:02
            node 2 00:00:00:00:00:01
            """));
        assertEquals(List.of(2, 3, 4, 5), e.problems().stream().map(Problem::line).toList());
        assertTrue(e.getMessage().startsWith("4 problems:\ncluster.conf:2: node 1: class missing is not defined\n"),
            e.getMessage());
        assertTrue(e.getMessage().contains("cluster.conf:3: unknown directive \"frobnicate\""), e.getMessage());
    }
}
