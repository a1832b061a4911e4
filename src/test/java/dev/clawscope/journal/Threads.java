package dev.clawscope.journal;

import java.util.Set;
import java.util.stream.Collectors;

/** Live threads by name, to prove a journal leaves none of its own behind. */
final class Threads {

    private Threads() {
    }

    static Set<String> subscriberThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith(Delivery.THREAD_PREFIX))
                .collect(Collectors.toSet());
    }

    static Set<String> named(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith(prefix))
                .collect(Collectors.toSet());
    }
}
