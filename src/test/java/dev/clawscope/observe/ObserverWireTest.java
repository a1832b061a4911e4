package dev.clawscope.observe;

import static dev.clawscope.observe.Ws.client;
import static dev.clawscope.observe.Ws.server;
import static dev.clawscope.observe.Ws.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clawscope.journal.Journal;
import dev.clawscope.journal.LinkEvent;
import dev.clawscope.ws.Opcode;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A hand-written client through the observer to a hand-written server: every frame shape RFC 6455
 * allows and several it forbids, both ways. Whatever the bytes, they arrive unchanged (SHA-256 of
 * everything sent equals SHA-256 of everything received at the other end, both ways), the journal
 * names what it could not decode, and the relay never stalls (a marker sent last arrives).
 */
class ObserverWireTest {

    private static final int MIB = 1024 * 1024;

    private RawObserved run;
    private Journal journal;
    private RawServer gateway;
    private Observer observer;

    @BeforeEach
    void start() throws Exception {
        run = RawObserved.start();
        journal = run.journal();
        gateway = run.gateway();
        observer = run.observer();
    }

    @AfterEach
    void stop() {
        run.close();
    }

    @Test
    void everyFrameShapeIsRelayedByteForByteAndNamedWhereItBreaksTheRfc() throws Exception {
        Requested r = request(null, null).upgraded();
        RawEnd c = r.client();
        RawEnd s = r.server();

        // The server: alike, plus a masked frame it must not send.
        s.send(server(false, 0, Opcode.TEXT, utf8("{\"type\":\"event\",")));
        s.send(server(true, 0, Opcode.PING, utf8("s-ping")));
        s.send(server(true, 0, Opcode.CONTINUATION, utf8("\"event\":\"frag.one\",\"seq\":1}")));
        s.send(server(Opcode.TEXT, event("len.sixteen", 2, 400)));
        s.send(server(Opcode.TEXT, event("len.sixtyfour", 3, 70_000)));
        s.send(Ws.with64BitLength(null, Opcode.TEXT, utf8(event("len.forced64", 4, 0))));
        s.send(server(true, 4, Opcode.TEXT, utf8(event("rsv.one", 5, 0))));
        s.send(server(true, 0, Opcode.TEXT, Ws.concat(utf8("{\"type\":\"event\",\"event\":\""),
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, utf8("\"}"))));
        s.send(server(Opcode.TEXT, event("too.big", 7, MIB)));
        s.send(server(true, 0, Opcode.BINARY, new byte[70_000]));
        s.send(client(Opcode.TEXT, event("masked", 9, 0)));
        s.trickle(server(Opcode.TEXT, event("trickle", 10, 200)));
        s.send(server(Opcode.TEXT, event("marker.server", 11, 0)));

        c.awaitText("marker.server");
        // Then the client, once the server's marker arrived: a fragmented request with pings between
        // its fragments, 16- and 64-bit lengths, RSV1 with nothing agreed, invalid UTF-8, an oversize
        // frame and message, a binary frame, an unmasked frame, a frame trickled byte by byte, a pong
        // to the server's ping, and a marker last.
        c.send(client(false, 0, Opcode.TEXT, utf8("{\"type\":\"req\",\"id\":\"f1\",")));
        c.send(client(true, 0, Opcode.PING, utf8("c-ping-1")));
        c.send(client(false, 0, Opcode.CONTINUATION, utf8("\"method\":\"frag.one\",")));
        c.send(client(true, 0, Opcode.PING, utf8("c-ping-2")));
        c.send(client(true, 0, Opcode.CONTINUATION, utf8("\"params\":{}}")));
        c.send(client(Opcode.TEXT, request("s16", "len.sixteen", 400)));
        c.send(client(Opcode.TEXT, request("s64", "len.sixtyfour", 70_000)));
        c.send(Ws.with64BitLength(Ws.mask(), Opcode.TEXT, utf8(request("f64", "len.forced64", 0))));
        c.send(client(true, 4, Opcode.TEXT, utf8(request("rsv", "rsv.one", 0))));
        c.send(client(true, 0, Opcode.TEXT, Ws.concat(utf8("{\"type\":\"req\",\"id\":\"bad\",\"method\":\""),
                new byte[] {(byte) 0xC3, 0x28}, utf8("\"}"))));
        c.send(client(Opcode.TEXT, request("big", "too.big", MIB)));
        c.send(client(true, 0, Opcode.BINARY, new byte[300]));
        c.send(server(Opcode.TEXT, request("plain", "unmasked", 0)));
        c.trickle(client(Opcode.TEXT, request("t", "trickle", 200)));
        String firstHalf = "{\"type\":\"req\",\"pad\":\"" + Ws.pad(600 * 1024);
        String secondHalf = Ws.pad(600 * 1024) + "\"}";
        c.send(client(false, 0, Opcode.TEXT, utf8(firstHalf)));
        c.send(client(true, 0, Opcode.CONTINUATION, utf8(secondHalf)));
        c.send(client(true, 0, Opcode.PONG, utf8("s-ping")));
        c.send(client(Opcode.TEXT, request("end", "marker.client", 0)));

        c.finish();
        s.finish();
        assertRelayedBothWays(c, s);

        LinkEvent.PeerDisconnect gone = Journals.await(journal, LinkEvent.PeerDisconnect.class, d -> d.conn() == 1);
        assertThat(gone.how()).isEqualTo("fin");
        assertThat(Journals.events(journal, LinkEvent.PeerRequest.class)).extracting(LinkEvent.PeerRequest::method)
                .containsExactly("frag.one", "len.sixteen", "len.sixtyfour", "len.forced64", "rsv.one", "unmasked",
                        "trickle", "marker.client");
        assertThat(Journals.events(journal, LinkEvent.PeerEvent.class)).extracting(LinkEvent.PeerEvent::event)
                .containsExactly("frag.one", "len.sixteen", "len.sixtyfour", "len.forced64", "rsv.one", "masked",
                        "trickle", "marker.server");
        assertThat(Journals.events(journal, LinkEvent.PeerWsPing.class)).extracting(LinkEvent.PeerWsPing::from)
                .containsExactlyInAnyOrder("client", "client", "server");
        assertThat(Journals.events(journal, LinkEvent.PeerWsPong.class)).hasSize(1).first().satisfies(p -> {
            assertThat(p.from()).isEqualTo("client");
            assertThat(p.rttMs()).as("answers the server's ping").isNotNull();
            assertThat(p.dropped()).isNull();
        });
        assertThat(problems("client")).containsExactly(
                "a frame with reserved bits set (RSV 100) but no extension was agreed",
                "a text message that is not valid UTF-8",
                "an unmasked text frame from the client");
        assertThat(problems("server")).containsExactly(
                "a frame with reserved bits set (RSV 100) but no extension was agreed",
                "a text message that is not valid UTF-8",
                "a masked text frame from the server");
        assertThat(skipped("client")).containsExactly(
                "text " + request("big", "too.big", MIB).length() + " oversize",
                "binary 300 binary",
                "text " + (firstHalf.length() + secondHalf.length()) + " oversize");
        assertThat(skipped("server")).containsExactly(
                "text " + event("too.big", 7, MIB).length() + " oversize",
                "binary 70000 binary");
        assertThat(observer.stats().heldBytes()).isZero();
    }

    @Test
    void compressedMessagesAreRelayedAndSkippedWhenDeflateWasAgreed() throws Exception {
        Requested r = request("permessage-deflate; client_max_window_bits", "permessage-deflate").upgraded();
        RawEnd c = r.client();
        RawEnd s = r.server();

        byte[] deflated = {(byte) 0xAA, 0x56, 0x2A, (byte) 0xA9, 0x2C, 0x48, 0x55, (byte) 0xB2};
        c.send(client(true, 4, Opcode.TEXT, deflated));
        c.send(client(false, 4, Opcode.TEXT, deflated));
        c.send(client(true, 0, Opcode.PING, utf8("between")));
        c.send(client(true, 0, Opcode.CONTINUATION, deflated));
        c.send(client(Opcode.TEXT, request("plain", "plain.after", 0)));
        s.send(server(true, 4, Opcode.TEXT, deflated));
        s.send(server(Opcode.TEXT, event("plain.after", 1, 0)));
        c.finish();
        s.finish();
        assertRelayedBothWays(c, s);

        Journals.await(journal, LinkEvent.PeerDisconnect.class, d -> d.conn() == 1);
        LinkEvent.PeerUpgrade upgrade = Journals.events(journal, LinkEvent.PeerUpgrade.class).get(0);
        assertThat(upgrade.extensions()).isEqualTo("permessage-deflate; client_max_window_bits");
        assertThat(upgrade.acceptedExtensions()).isEqualTo("permessage-deflate");
        assertThat(skipped("client")).containsExactly("text 8 compressed", "text 8 compressed");
        assertThat(skipped("server")).containsExactly("text 8 compressed");
        assertThat(problems("client")).isEmpty();
        assertThat(problems("server")).isEmpty();
        assertThat(Journals.events(journal, LinkEvent.PeerRequest.class)).extracting(LinkEvent.PeerRequest::method)
                .containsExactly("plain.after");
        assertThat(Journals.events(journal, LinkEvent.PeerEvent.class)).extracting(LinkEvent.PeerEvent::event)
                .containsExactly("plain.after");
    }

    @Test
    void bytesThatAreNotHttpAreRelayedAsTheyAreAndTheRelayGoesOn() throws Exception {
        RawEnd c = RawEnd.connect(observer.listenAddress());
        byte[] garbage = new byte[40_000];
        new java.util.Random(7).nextBytes(garbage);
        garbage[0] = 0x16; // a TLS record, say
        c.send(garbage);
        RawEnd s = gateway.next();
        s.awaitReceived(b -> b.length >= garbage.length);
        s.send(Ws.concat(new byte[] {0, (byte) 0xFF, 0x13, 0x37}, garbage));
        c.awaitReceived(b -> b.length >= garbage.length + 4);
        // A marker after the garbage, both ways: the relay still runs.
        c.send("MARKER-FROM-CLIENT");
        s.send("MARKER-FROM-SERVER");
        c.finish();
        s.finish();
        assertRelayedBothWays(c, s);
        assertThat(s.receivedText()).endsWith("MARKER-FROM-CLIENT");
        assertThat(c.receivedText()).endsWith("MARKER-FROM-SERVER");

        Journals.await(journal, LinkEvent.PeerDisconnect.class, d -> d.conn() == 1);
        assertThat(problems("client")).containsExactly("bytes that are not an HTTP request");
        assertThat(problems("server")).containsExactly("bytes that are not an HTTP response");
        assertThat(Journals.events(journal, LinkEvent.PeerUpgrade.class)).isEmpty();
    }

    @Test
    void anHttpHeadLongerThan16KiBIsRelayedAsItIs() throws Exception {
        RawEnd c = RawEnd.connect(observer.listenAddress());
        String request = Ws.request("127.0.0.1", null);
        String longHead = request.substring(0, request.length() - 2) + "X-Pad: " + Ws.pad(20_000) + "\r\n\r\n";
        c.sendInPieces(longHead.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 3_000);
        RawEnd s = gateway.next();
        s.awaitReceived(Ws::headArrived);
        String answer = Ws.switching(s.receivedText(), null);
        s.send(answer.substring(0, answer.length() - 2) + "X-Pad: " + Ws.pad(17_000) + "\r\n\r\n");
        s.send(server(Opcode.TEXT, event("after.head", 1, 0)));
        c.send(client(Opcode.TEXT, request("after", "after.head", 0)));
        c.finish();
        s.finish();
        assertRelayedBothWays(c, s);

        Journals.await(journal, LinkEvent.PeerDisconnect.class, d -> d.conn() == 1);
        assertThat(problems("client")).containsExactly("an HTTP head longer than 16384 bytes");
        assertThat(problems("server")).containsExactly("an HTTP head longer than 16384 bytes");
    }

    @Test
    void droppedPongsTakeExactlyTheirOwnBytesEvenWhenSplitAcrossReads() throws Exception {
        observer.apply(new PeerFault.DropPongs(java.util.Optional.empty()));
        Requested r = request(null, null);
        RawEnd c = r.client();
        RawEnd s = r.server();
        String head = r.answer();
        s.send(head);

        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        expected.write(utf8(head));
        for (int round = 0; round < 20; round++) {
            byte[] before = server(Opcode.TEXT, event("before", 2 * round, round * 37));
            byte[] pong = server(true, 0, Opcode.PONG, utf8(Ws.pad(round * 6)));
            byte[] after = server(Opcode.TEXT, event("after", 2 * round + 1, 0));
            // The pong's header and payload trickle in, and share reads with the frames around it.
            s.send(Ws.concat(before, java.util.Arrays.copyOf(pong, 1)));
            s.trickle(java.util.Arrays.copyOfRange(pong, 1, pong.length));
            s.send(after);
            expected.write(before);
            expected.write(after);
        }
        byte[] ping = server(true, 0, Opcode.PING, utf8("kept"));
        s.send(ping);
        expected.write(ping);
        s.finish();
        c.finish();
        c.awaitEnd();
        s.awaitEnd();
        assertSameBytes(c.received(), expected.toByteArray(), "the server's bytes without its pongs");
        assertThat(s.receivedSha256()).isEqualTo(c.sentSha256());

        Journals.await(journal, LinkEvent.PeerDisconnect.class, d -> d.conn() == 1);
        List<LinkEvent.PeerWsPong> pongs = Journals.events(journal, LinkEvent.PeerWsPong.class);
        assertThat(pongs).hasSize(20).allSatisfy(p -> {
            assertThat(p.from()).isEqualTo("server");
            assertThat(p.dropped()).isTrue();
        });
        assertThat(Journals.events(journal, LinkEvent.PeerEvent.class)).hasSize(40);
        assertThat(Journals.events(journal, LinkEvent.PeerDecodeProblem.class)).isEmpty();
    }

    @Test
    void aRejectionWaitsForTheServersFrameToEndAndNothingFollowsItsClose() throws Exception {
        observer.apply(new PeerFault.AuthReject());
        Requested r = request(null, null);
        RawEnd c = r.client();
        RawEnd s = r.server();
        String head = r.answer();
        byte[] challenge = server(Opcode.TEXT, event("connect.challenge", 1, 0));
        byte[] big = server(Opcode.TEXT, event("big", 2, 10_000));
        s.send(Ws.concat(utf8(head), challenge, java.util.Arrays.copyOf(big, 5_000)));
        c.awaitReceived(b -> b.length >= head.length() + challenge.length + 5_000);

        // The client's connect trickles in while the server is in the middle of a frame: it is held,
        // never reaches the server, and the answer waits for the server's frame to end.
        String connect = "{\"type\":\"req\",\"id\":\"c-1\",\"method\":\"connect\",\"params\":{\"minProtocol\":4,"
                + "\"maxProtocol\":4,\"client\":{\"id\":\"cli\",\"mode\":\"cli\",\"version\":\"9\",\"platform\":\"linux\"},"
                + "\"role\":\"operator\",\"scopes\":[],\"auth\":{\"token\":\"held-secret-token\"}}}";
        c.trickle(client(Opcode.TEXT, connect));
        Journals.await(journal, LinkEvent.PeerResponse.class, answer -> "observer".equals(answer.by()));
        byte[] afterClose = server(Opcode.TEXT, event("after.close", 3, 0));
        s.send(Ws.concat(java.util.Arrays.copyOfRange(big, 5_000, big.length), afterClose));

        dev.clawscope.protocol.GatewayRejection rejection = dev.clawscope.protocol.GatewayRejection.tokenMismatch(false);
        byte[] expected = Ws.concat(utf8(head), challenge, big,
                ServerFrames.text(ServerFrames.rejection("c-1", rejection)),
                ServerFrames.close(rejection.closeCode(), rejection.closeReason()));
        c.awaitEnd();
        assertSameBytes(c.received(), expected, "up to the observer's close, then the end of stream");
        byte[] closeReply = Ws.close(true, 1008, "");
        c.send(closeReply);
        c.finish();
        s.finish();
        s.awaitEnd();
        assertThat(s.receivedText()).doesNotContain("held-secret-token").doesNotContain("connect");
        assertThat(s.received()).isEqualTo(Ws.concat(
                java.util.Arrays.copyOf(s.received(), s.received().length - closeReply.length), closeReply));

        LinkEvent.PeerDisconnect gone = Journals.await(journal, LinkEvent.PeerDisconnect.class, d -> d.conn() == 1);
        assertThat(gone.how()).isEqualTo("close_frame");
        assertThat(gone.by()).isEqualTo("observer");
        assertThat(Journals.events(journal, LinkEvent.PeerHello.class)).hasSize(1);
        assertThat(Journals.events(journal, LinkEvent.PeerClose.class)).extracting(LinkEvent.PeerClose::from)
                .containsExactly("observer", "client");
        assertThat(observer.stats().heldBytes()).isZero();
    }

    @Test
    void aClientThatResetsWhileTheServerStreamsIsTheOneThatReset() throws Exception {
        for (int conn = 1; conn <= 8; conn++) {
            Requested r = request(null, null);
            RawEnd c = r.client();
            RawEnd s = r.server();
            s.send(r.answer());
            byte[] frame = server(Opcode.TEXT, event("stream", 1, 16 * 1024));
            Thread streamer = new Thread(() -> {
                try {
                    while (true) {
                        s.send(frame);
                    }
                } catch (java.io.IOException e) {
                    // the observer reset the server's side after the client's reset
                }
            }, "streamer-" + conn);
            streamer.setDaemon(true);
            streamer.start();
            int before = conn;
            org.awaitility.Awaitility.await().atMost(RawEnd.WAIT).until(() -> c.receivedCount() > 4 * 1024 * 1024);
            c.abort();
            LinkEvent.PeerDisconnect gone = Journals.await(journal, LinkEvent.PeerDisconnect.class,
                    d -> d.conn() == before);
            assertThat(gone.how() + " by " + gone.by()).as("connection %d", conn).isEqualTo("rst by client");
            streamer.join(RawEnd.WAIT.toMillis());
        }
        org.awaitility.Awaitility.await().atMost(RawEnd.WAIT).until(() -> observer.stats().liveConnections() == 0);
        assertThat(observer.stats().heldBytes()).isZero();
    }

    @Test
    void aDroppedPongKeepsItsMarkWhileTheClientSendsInTheMiddleOfIt() throws Exception {
        observer.apply(new PeerFault.DropPongs(java.util.Optional.empty()));
        Requested r = request(null, null);
        RawEnd c = r.client();
        RawEnd s = r.server();
        String head = r.answer();
        byte[] pong = server(true, 0, Opcode.PONG, utf8("pong-payload"));
        s.send(Ws.concat(utf8(head), java.util.Arrays.copyOf(pong, 4)));
        c.awaitReceived(b -> b.length >= head.length());
        byte[] request = client(Opcode.TEXT, request("mid", "in.the.middle", 0));
        c.send(request);
        s.awaitReceived(b -> b.length >= c.sentCount());
        byte[] after = server(Opcode.TEXT, event("after", 1, 0));
        s.send(Ws.concat(java.util.Arrays.copyOfRange(pong, 4, pong.length), after));
        c.finish();
        s.finish();
        c.awaitEnd();
        s.awaitEnd();
        assertSameBytes(c.received(), Ws.concat(utf8(head), after), "the server's bytes without its pong");
        Journals.await(journal, LinkEvent.PeerDisconnect.class, d -> d.conn() == 1);
        assertThat(Journals.events(journal, LinkEvent.PeerWsPong.class)).hasSize(1).first()
                .satisfies(p -> assertThat(p.dropped()).isTrue());
        assertThat(Journals.events(journal, LinkEvent.PeerRequest.class)).hasSize(1);
    }

    @Test
    void aConnectThatIsNotUtf8IsLeftToTheGatewayAndTheNextIsAnswered() throws Exception {
        observer.apply(new PeerFault.AuthReject());
        Requested r = request(null, null).upgraded();
        RawEnd c = r.client();
        RawEnd s = r.server();
        byte[] broken = client(true, 0, Opcode.TEXT, Ws.concat(utf8("{\"type\":\"req\",\"id\":\"c-1\","
                + "\"method\":\"connect\",\"params\":{\"client\":{\"id\":\""), new byte[] {(byte) 0xFF},
                utf8("\"}}}")));
        int headLength = s.received().length;
        c.send(broken);
        s.awaitReceived(b -> b.length >= headLength + broken.length);
        byte[] valid = client(Opcode.TEXT, "{\"type\":\"req\",\"id\":\"c-2\",\"method\":\"connect\",\"params\":{}}");
        c.send(valid);
        LinkEvent.PeerResponse answer = Journals.await(journal, LinkEvent.PeerResponse.class, any -> true);
        assertThat(answer.id()).isEqualTo("c-2");
        assertThat(answer.by()).isEqualTo("observer");
        c.awaitEnd();
        c.finish();
        s.finish();
        s.awaitEnd();
        assertThat(s.received().length).as("the broken connect went on, the valid one was held")
                .isEqualTo(headLength + broken.length);
        Journals.await(journal, LinkEvent.PeerDisconnect.class, d -> d.conn() == 1);
        assertThat(problems("client")).containsExactly("a text message that is not valid UTF-8");
        assertThat(Journals.events(journal, LinkEvent.PeerHello.class)).extracting(LinkEvent.PeerHello::requestId)
                .containsExactly("c-2");
    }

    @Test
    void hostileJsonIsNamedAndTheDecoderGoesOn() throws Exception {
        observer.apply(new PeerFault.AuthReject()); // the first frame is held and parsed on the relay's thread
        Requested r = request(null, null).upgraded();
        RawEnd c = r.client();
        RawEnd s = r.server();
        String deep = "[".repeat(40_000) + "]".repeat(40_000);
        c.send(client(Opcode.TEXT, "{\"type\":\"req\",\"id\":\"d\",\"method\":\"connect\",\"params\":" + deep
                .substring(0, 30_000) + deep.substring(50_000) + "}"));
        c.send(client(Opcode.TEXT, deep));
        c.send(client(Opcode.TEXT, "[1,2,3]"));
        c.send(client(Opcode.TEXT, "{\"type\":\"req\",\"method\":\"no.id\",\"seq\":1e999999}"));
        c.send(client(Opcode.TEXT, "{\"type\":\"req\",\"id\":" + "9".repeat(5_000) + ",\"method\":\"long.id\"}"));
        c.send(client(Opcode.TEXT, request("last", "still.decoding", 0)));
        c.finish();
        s.finish();
        assertRelayedBothWays(c, s);
        Journals.await(journal, LinkEvent.PeerDisconnect.class, d -> d.conn() == 1);
        assertThat(problems("client")).containsExactly("a text message that is not JSON",
                "a text message that is not JSON", "a text message that is JSON but not an object",
                "a request without an id");
        assertThat(Journals.events(journal, LinkEvent.PeerRequest.class)).extracting(LinkEvent.PeerRequest::method)
                .containsExactly("long.id", "still.decoding");
        assertThat(Journals.events(journal, LinkEvent.PeerRequest.class).get(0).id()).hasSizeLessThan(300);
        assertThat(Journals.events(journal, LinkEvent.Error.class)).isEmpty();
    }

    @Test
    void sixteenProblemsTurnADirectionOpaqueOnlyAtAFrameBoundary() throws Exception {
        observer.apply(new PeerFault.DropPongs(java.util.Optional.empty()));
        Requested r = request(null, null);
        RawEnd c = r.client();
        RawEnd s = r.server();
        String head = r.answer();
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        expected.write(utf8(head));
        s.send(head);
        for (int i = 1; i <= 15; i++) {
            byte[] masked = client(Opcode.TEXT, event("masked", i, 0));
            s.send(masked);
            expected.write(masked);
        }
        // The sixteenth problem is a masked pong the relay drops: dropped whole, then the rest is opaque.
        byte[] pong = client(true, 0, Opcode.PONG, utf8("sixteenth"));
        s.send(java.util.Arrays.copyOf(pong, 7));
        s.trickle(java.util.Arrays.copyOfRange(pong, 7, pong.length));
        byte[] rest = Ws.concat(server(true, 0, Opcode.PONG, utf8("opaque now")), server(Opcode.TEXT, event("late", 17, 0)));
        s.send(rest);
        expected.write(rest);
        s.finish();
        c.finish();
        c.awaitEnd();
        s.awaitEnd();
        assertSameBytes(c.received(), expected.toByteArray(), "the server's bytes without the sixteenth frame");
        Journals.await(journal, LinkEvent.PeerDisconnect.class, d -> d.conn() == 1);
        List<String> problems = problems("server");
        assertThat(problems).hasSize(16);
        assertThat(problems.get(15)).startsWith("a masked pong frame from the server; that is 16 problems");
        assertThat(Journals.events(journal, LinkEvent.PeerEvent.class)).hasSize(15);
        assertThat(Journals.events(journal, LinkEvent.PeerWsPong.class)).hasSize(1).first()
                .satisfies(p -> assertThat(p.dropped()).isTrue());
    }

    @Test
    void aHeldConnectGoesOnWhenTheServerRefusesTheUpgrade() throws Exception {
        observer.apply(new PeerFault.AuthReject());
        RawEnd c = RawEnd.connect(observer.listenAddress());
        String request = Ws.request("127.0.0.1", null);
        byte[] connect = client(Opcode.TEXT, "{\"type\":\"req\",\"id\":\"c-1\",\"method\":\"connect\",\"params\":{}}");
        byte[] firstPart = java.util.Arrays.copyOf(connect, 20);
        c.send(Ws.concat(utf8(request), firstPart));
        RawEnd s = gateway.next();
        s.awaitReceived(Ws::headArrived);
        s.send("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
        // The part of the frame held so far goes on at once, not with the client's next bytes.
        s.awaitReceived(b -> b.length == request.length() + firstPart.length);
        c.send(java.util.Arrays.copyOfRange(connect, 20, connect.length));
        c.finish();
        s.finish();
        assertRelayedBothWays(c, s);
        LinkEvent.PeerUpgrade upgrade = Journals.await(journal, LinkEvent.PeerUpgrade.class, u -> true);
        assertThat(upgrade.status()).isEqualTo(403);
        assertThat(Journals.events(journal, LinkEvent.PeerResponse.class)).isEmpty();
    }

    @Test
    void aConnectSentBeforeTheUpgradeAnswerIsAnsweredRightAfterIt() throws Exception {
        observer.apply(new PeerFault.Unavailable(2_500));
        RawEnd c = RawEnd.connect(observer.listenAddress());
        byte[] connect = client(Opcode.TEXT, "{\"type\":\"req\",\"id\":\"early\",\"method\":\"connect\",\"params\":{}}");
        c.send(Ws.concat(utf8(Ws.request("127.0.0.1", null)), connect));
        RawEnd s = gateway.next();
        s.awaitReceived(Ws::headArrived);
        Journals.await(journal, LinkEvent.PeerResponse.class, r -> "observer".equals(r.by()));
        String head = Ws.switching(s.receivedText(), null);
        s.send(head);
        dev.clawscope.protocol.GatewayRejection rejection = dev.clawscope.protocol.GatewayRejection.unavailable(2_500);
        c.awaitEnd();
        assertThat(c.endedWithReset()).as("a close and a FIN, not the reset after the grace").isFalse();
        assertSameBytes(c.received(), Ws.concat(utf8(head), ServerFrames.text(ServerFrames.rejection("early", rejection)),
                ServerFrames.close(rejection.closeCode(), rejection.closeReason())), "the 101, then the answer");
        assertThat(s.receivedText()).doesNotContain("early");
    }

    @Test
    void aStalledUpgradeKeepsEvenTheServersGivingUpFromTheClient() throws Exception {
        observer.apply(new PeerFault.StallUpgrade(1));
        try (java.nio.channels.SocketChannel stalled = java.nio.channels.SocketChannel.open(observer.listenAddress())) {
            stalled.write(java.nio.ByteBuffer.wrap(utf8(Ws.request("127.0.0.1", null))));
            RawEnd s = gateway.next();
            // The server gives up on a request that never came, as an HTTP server does after its header timeout.
            s.send("HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n");
            s.close();
            // A second connection through the same relay: its upgrade takes several turns of the relay's
            // loop, each after the one that read the first server's end.
            request(null, null).upgraded();
            stalled.configureBlocking(false);
            assertThat(stalled.read(java.nio.ByteBuffer.allocate(1024))).as("no byte and no end of stream").isZero();

            stalled.shutdownOutput(); // the client gives up
            stalled.configureBlocking(true);
            stalled.socket().setSoTimeout((int) RawEnd.WAIT.toMillis());
            assertThat(stalled.socket().getInputStream().read()).as("closed once the client ended it").isEqualTo(-1);
        }
        LinkEvent.PeerDisconnect gone = Journals.await(journal, LinkEvent.PeerDisconnect.class, d -> d.conn() == 1);
        assertThat(gone.how() + " by " + gone.by()).isEqualTo("fin by client");
        assertThat(Journals.events(journal, LinkEvent.PeerUpgrade.class, u -> u.conn() == 1)).hasSize(1).first()
                .satisfies(u -> assertThat(u.status()).as("the client got no answer").isNull());
        assertThat(Journals.events(journal, LinkEvent.PeerNoticed.class)).hasSize(1).first()
                .satisfies(n -> assertThat(n.fault()).isEqualTo("stall-upgrade"));
    }

    @Test
    void aTargetThatCannotBeReachedEndsTheClientsConnectionAsTheServers() throws Exception {
        Journal own = new Journal();
        // A broadcast address: the connect fails at once, before any selector sees it.
        try (Observer unreachable = Observer.start(RawServer.observerInFrontOf(
                new InetSocketAddress("255.255.255.255", 9)), own)) {
            try {
                RawEnd c = RawEnd.connect(unreachable.listenAddress());
                c.awaitEnd();
                assertThat(c.endedWithReset()).isTrue();
            } catch (java.net.SocketException resetAtOnce) {
                // the relay's reset came before the client's connect returned
                assertThat(resetAtOnce.getMessage()).contains("reset");
            }
            LinkEvent.PeerDisconnect gone = Journals.await(own, LinkEvent.PeerDisconnect.class, d -> d.conn() == 1);
            assertThat(gone.how() + " by " + gone.by()).isEqualTo("rst by server");
            assertThat(unreachable.stats().liveConnections()).isZero();
        } finally {
            own.close();
        }
    }

    @Test
    void eachWayOfEndingIsPutOnWhoEndedFirstAndHow() throws Exception {
        List<String> expected = List.of("close_frame by server", "close_frame by client", "fin by server",
                "fin by client", "rst by server", "rst by client");
        for (int conn = 1; conn <= expected.size(); conn++) {
            Requested r = request(null, null).upgraded();
            RawEnd c = r.client();
            RawEnd s = r.server();
            switch (conn) {
                case 1 -> {
                    s.send(Ws.close(false, 1001, "going away"));
                    c.awaitReceived(b -> ObserverFaultsTest.frames(b).size() == 1);
                    c.send(Ws.close(true, 1001, ""));
                    s.finish();
                    c.finish();
                }
                case 2 -> {
                    c.send(Ws.close(true, 1000, "done"));
                    s.awaitReceived(b -> b.length > r.answer().length());
                    s.send(Ws.close(false, 1000, ""));
                    c.finish();
                    s.finish();
                }
                case 3 -> {
                    s.finish();
                    c.awaitEnd();
                    c.finish();
                }
                case 4 -> {
                    c.finish();
                    s.awaitEnd();
                    s.finish();
                }
                case 5 -> s.abort();
                default -> c.abort();
            }
            int which = conn;
            LinkEvent.PeerDisconnect gone = Journals.await(journal, LinkEvent.PeerDisconnect.class, d -> d.conn() == which);
            assertThat(gone.how() + " by " + gone.by()).as("connection %d", conn).isEqualTo(expected.get(conn - 1));
        }
        assertThat(Journals.events(journal, LinkEvent.PeerNoticed.class)).as("no fault was active").isEmpty();

        // While a noticeable fault is active the client's own end is noticed; after the heal it is not.
        observer.apply(new PeerFault.Bytes(new dev.clawscope.chaos.Fault.Delay(20, java.util.Optional.empty())));
        Requested delayed = request(null, null).upgraded();
        delayed.client().finish();
        LinkEvent.PeerNoticed noticed = Journals.await(journal, LinkEvent.PeerNoticed.class, n -> true);
        assertThat(noticed.conn()).isEqualTo(expected.size() + 1);
        assertThat(noticed.fault()).isEqualTo("delay");
        assertThat(noticed.how()).isEqualTo("fin");
        observer.apply(new PeerFault.Bytes(new dev.clawscope.chaos.Fault.Heal()));
        Requested healed = request(null, null).upgraded();
        healed.client().finish();
        Journals.await(journal, LinkEvent.PeerDisconnect.class, d -> d.conn() == expected.size() + 2);
        assertThat(Journals.events(journal, LinkEvent.PeerNoticed.class)).hasSize(1);
    }

    /** A client through the observer whose upgrade request reached the server; {@code answer} is a 101 for it. */
    private record Requested(RawEnd client, RawEnd server, String answer) {
        /** The server sends the 101 and the client has it. */
        Requested upgraded() throws java.io.IOException {
            server.send(answer);
            client.awaitReceived(Ws::headArrived);
            return this;
        }
    }

    /** A client connects through the observer and asks to upgrade, offering {@code offered} extensions. */
    private Requested request(String offered, String accepted) throws Exception {
        RawEnd c = RawEnd.connect(observer.listenAddress());
        c.send(Ws.request("127.0.0.1", offered));
        RawEnd s = gateway.next();
        s.awaitReceived(Ws::headArrived);
        return new Requested(c, s, Ws.switching(s.receivedText(), accepted));
    }

    private static String request(String id, String method, int pad) {
        return "{\"type\":\"req\",\"id\":\"" + id + "\",\"method\":\"" + method + "\",\"params\":{\"pad\":\""
                + Ws.pad(pad) + "\"}}";
    }

    private static String event(String name, long seq, int pad) {
        return "{\"type\":\"event\",\"event\":\"" + name + "\",\"payload\":{\"pad\":\"" + Ws.pad(pad) + "\"},\"seq\":"
                + seq + "}";
    }

    private List<String> problems(String from) {
        return Journals.events(journal, LinkEvent.PeerDecodeProblem.class, p -> p.from().equals(from)).stream()
                .map(LinkEvent.PeerDecodeProblem::problem).toList();
    }

    private List<String> skipped(String from) {
        return Journals.events(journal, LinkEvent.PeerFrameSkipped.class, p -> p.from().equals(from)).stream()
                .map(p -> p.opcode() + " " + p.length() + " " + p.why()).toList();
    }

    /** Byte for byte, told as text around the first difference. */
    static void assertSameBytes(byte[] actual, byte[] expected, String what) {
        int i = java.util.Arrays.mismatch(actual, expected);
        if (i >= 0) {
            throw new AssertionError(what + ": " + actual.length + " bytes instead of " + expected.length
                    + ", first difference at " + i + ": got \"" + around(actual, i) + "\", expected \""
                    + around(expected, i) + "\"");
        }
    }

    private static String around(byte[] bytes, int at) {
        int from = Math.max(0, at - 40);
        int to = Math.min(bytes.length, at + 80);
        StringBuilder out = new StringBuilder();
        for (int k = from; k < to; k++) {
            char ch = (char) (bytes[k] & 0xFF);
            out.append(ch >= 0x20 && ch < 0x7F ? ch : '.');
        }
        return out.toString();
    }

    /** Both ends finished sending: each received exactly what the other sent. */
    static void assertRelayedBothWays(RawEnd client, RawEnd server) {
        client.awaitEnd();
        server.awaitEnd();
        assertThat(server.receivedSha256()).as("client to server").isEqualTo(client.sentSha256());
        assertThat(client.receivedSha256()).as("server to client").isEqualTo(server.sentSha256());
        assertThat(server.receivedCount()).isEqualTo(client.sentCount());
        assertThat(client.receivedCount()).isEqualTo(server.sentCount());
    }
}
