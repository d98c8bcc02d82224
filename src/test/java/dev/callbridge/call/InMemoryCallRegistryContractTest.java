package dev.callbridge.call;

/** The shared call registry contract, on the memory registry. */
class InMemoryCallRegistryContractTest extends CallRegistryContract {

    @Override
    CallRegistry registry() {
        return new InMemoryCallRegistry(1000, KEPT, clock);
    }
}
