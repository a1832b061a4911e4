package dev.clawscope.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clawscope.journal.LinkEvent;
import dev.clawscope.link.LinkState;
import dev.clawscope.timeline.Tone;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class TimelineSvgTest {

    private final Timeline timeline = Timeline.of(SyntheticJournals.twoOutages(), "two outages");
    private final String svg = TimelineSvg.render(timeline);

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void wellFormedSvgOfTheStatedSize() throws Exception {
        Element root = parse(svg).getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
        assertEquals("1200", root.getAttribute("width"));
        assertEquals(String.valueOf(timeline.height()), root.getAttribute("height"));
    }

    @Test
    void selfContained() {
        assertFalse(svg.contains("<script"));
        assertFalse(svg.contains("href"));
        assertFalse(svg.contains("@import"));
        assertFalse(svg.contains("url("));
    }

    @Test
    void oneBandPerStateSegment() throws Exception {
        List<String> bands = titles(parse(svg), "rect").stream()
                .filter(t -> t.matches("[a-z]+ from .*")).toList();
        List<StateSegment> segments = timeline.stats().segments();
        assertEquals(segments.size(), bands.size());
        for (int i = 0; i < segments.size(); i++) {
            assertTrue(bands.get(i).startsWith(segments.get(i).state() + " from "), bands.get(i));
        }
        assertTrue(bands.contains("connected from 62.1 s to 100.0 s (37.9 s)"), bands::toString);
    }

    @Test
    void bandColoursFollowTheState() {
        assertEquals(Timeline.colour(Tone.CONNECTED), Timeline.stateColour(LinkState.CONNECTED));
        assertEquals(Timeline.colour(Tone.TRANSIENT), Timeline.stateColour(LinkState.BACKOFF));
        assertEquals(Timeline.colour(Tone.STOPPED), Timeline.stateColour(LinkState.PAUSED));
        assertEquals(Timeline.colour(Tone.STOPPED), Timeline.stateColour(LinkState.DISCONNECTED));
        assertEquals(Timeline.colour(Tone.ENDED), Timeline.stateColour(LinkState.DISPOSED));
        assertEquals(Timeline.colour(Tone.IDLE), Timeline.stateColour(null), "a state this version does not know");
    }

    @Test
    void outagesReconnectsAndMarkersAreLabelled() throws Exception {
        Document doc = parse(svg);
        List<String> texts = texts(doc);
        assertTrue(texts.contains("down 7.1 s"), texts::toString);
        assertTrue(texts.contains("down 5.0 s"), texts::toString);
        assertTrue(texts.contains("undetected 11.0 s"), "from the blackhole at 44 s to the pong timeout at 55 s: "
                + texts);
        assertTrue(texts.contains("fault: blackhole"), texts::toString);
        assertTrue(texts.contains("ws_pong timeout after 10.0 s"), texts::toString);
        assertTrue(texts.contains("dispose 4.0 ms"), texts::toString);
        assertTrue(texts.contains("0 s") && texts.contains("120 s"), texts::toString);
        List<String> tips = titles(doc, "rect");
        assertEquals(4, tips.stream().filter(t -> t.startsWith("reconnect #")).count());
        assertTrue(tips.contains("reconnect #3 in 4.0 s (full-jitter, cause connect_failed)"), tips::toString);
    }

    @Test
    void hostileTextIsEscaped() throws Exception {
        Timeline t = Timeline.of(new JournalBuilder().connect(0, 1)
                .at(1_000, new LinkEvent.FaultInjected("<script>&\"x\u0007'</script>"))
                .build(), "a <b> & c");
        Document doc = parse(TimelineSvg.render(t));
        assertTrue(texts(doc).contains("fault: <script>&\"x\ufffd'</script>"), texts(doc)::toString);
        assertEquals(0, doc.getElementsByTagName("script").getLength());
    }

    @Test
    void axisStepsAreRound() {
        assertEquals(30, Timeline.tickStep(300));
        assertEquals(10, Timeline.tickStep(120));
        assertEquals(0.1, Timeline.tickStep(0));
    }

    static List<String> texts(Document doc) {
        NodeList nodes = doc.getElementsByTagName("text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    static List<String> titles(Document doc, String parent) {
        NodeList nodes = doc.getElementsByTagName(parent);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            NodeList titles = ((Element) nodes.item(i)).getElementsByTagName("title");
            if (titles.getLength() > 0) {
                out.add(titles.item(0).getTextContent());
            }
        }
        return out;
    }
}
