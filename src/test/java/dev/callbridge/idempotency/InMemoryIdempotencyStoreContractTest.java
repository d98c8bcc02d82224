package dev.callbridge.idempotency;

/** The shared idempotency contract, on the memory store. */
class InMemoryIdempotencyStoreContractTest extends IdempotencyStoreContract {

    @Override
    IdempotencyStore store() {
        return new InMemoryIdempotencyStore(RETENTION, 1000, MAX_BYTES, clock);
    }
}
