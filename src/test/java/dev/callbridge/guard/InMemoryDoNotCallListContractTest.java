package dev.callbridge.guard;

import org.junit.jupiter.api.BeforeEach;

/** The do-not-call list contract in memory. */
class InMemoryDoNotCallListContractTest extends DoNotCallListContract {

    private DoNotCallList list;

    @BeforeEach
    void newList() {
        list = new InMemoryDoNotCallList();
    }

    @Override
    DoNotCallList list() {
        return list;
    }
}
