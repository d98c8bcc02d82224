package dev.callbridge.number;

/** The shared number route store contract, on the memory store. */
class InMemoryNumberRouteStoreContractTest extends NumberRouteStoreContract {

    @Override
    NumberRouteStore store() {
        return new InMemoryNumberRouteStore();
    }
}
