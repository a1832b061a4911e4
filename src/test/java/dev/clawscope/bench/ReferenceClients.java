package dev.clawscope.bench;

import dev.clawscope.officialclient.ClientsScript;
import dev.clawscope.officialclient.OfficialClient;
import dev.clawscope.protocol.Secret;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Reference clients ({@code @openclaw/gateway-client} as shipped) in one Node process,
 * {@code scripts/official-client/clients.mjs} ({@link ClientsScript}), one client per URL, each
 * reporting into its own {@link ClientWatch}.
 */
final class ReferenceClients implements AutoCloseable {

    private final List<ClientWatch> watches = new ArrayList<>();
    private ClientsScript script;

    private ReferenceClients(int count) {
        for (int i = 0; i < count; i++) {
            watches.add(new ClientWatch(Contender.REFERENCE));
        }
    }

    /** Installs Node and the client once per JVM with {@code install.sh} (npm registry only). */
    static OfficialClient.Installed install() throws IOException, InterruptedException {
        return OfficialClient.install();
    }

    /** Starts one reference client per URL; the token goes through the environment only. */
    static ReferenceClients start(List<URI> urls, Secret token) throws IOException, InterruptedException {
        ReferenceClients clients = new ReferenceClients(urls.size());
        clients.script = ClientsScript.start(urls.stream().map(URI::toString).toList(), token, clients::onLine);
        return clients;
    }

    ClientWatch watch(int index) {
        return watches.get(index);
    }

    List<ClientWatch> watches() {
        return List.copyOf(watches);
    }

    private void onLine(ClientsScript.Line line) {
        ClientWatch watch = watches.get(line.client());
        switch (line.ev()) {
            case "hello" -> watch.add(line.atMs(), ClientWatch.Kind.HELLO, "hello");
            case "close" -> watch.add(line.atMs(), ClientWatch.Kind.DOWN, "close " + line.code());
            default -> { } // connect errors and pauses are not what the benchmarks time
        }
    }

    String stderrTail() {
        return script.stderrTail();
    }

    @Override
    public void close() throws InterruptedException {
        script.close();
    }
}
